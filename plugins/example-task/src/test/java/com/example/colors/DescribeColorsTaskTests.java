package com.example.colors;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.platform.EncodingCache;
import io.gitplatform.core.platform.RequestContext;
import io.gitplatform.core.spi.TaskOptions;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import org.junit.jupiter.api.Test;

/** A head tested like any plugin's: the real pipeline on the tiny shapes model, a context, one request. */
class DescribeColorsTaskTests extends EmbeddedPipelineTest {
    private static TaskResult describe(ShapeSample sample, TaskOptions options) {
        try (EncodingCache cache = new EncodingCache()) {
            TaskRequest request = TaskRequest.of(sample.input(), options);
            return new DescribeColorsTask().run(request, new RequestContext(pipeline, cache, request.progress()));
        }
    }

    @Test
    void namesTheShapeItsColourAndTheBackgroundWithOneVisionPass() {
        ShapeSample image = ShapeSample.all().get(8);
        long passes = pipeline.model().visionPasses();
        TaskResult result = describe(image, TaskOptions.NONE);
        assertThat(result.text()).isEqualTo(image.labels().get("color") + " " + image.labels().get("shape") + " on "
                + image.labels().get("bg"));
        assertThat(result.answers()).hasSize(3);
        assertThat(pipeline.model().visionPasses() - passes).isEqualTo(1);
    }

    @Test
    void theBackgroundCanBeLeftOut() {
        ShapeSample image = ShapeSample.all().get(8);
        TaskResult result = describe(image, TaskOptions.builder().extra("background", "false").build());
        assertThat(result.text()).isEqualTo(image.labels().get("color") + " " + image.labels().get("shape"));
    }
}
