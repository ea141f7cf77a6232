package com.example.colors;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A head tested like any plugin's: the real pipeline on the tiny shapes model, a context, one request. */
class DescribeColorsTaskTests extends EmbeddedPipelineTest {
    private static TaskResult describe(ShapeSample sample, TaskOptions options) {
        return run(new DescribeColorsTask(), TaskRequest.of(sample.input(), options));
    }

    private static TaskResult describe(ShapeSample sample, AtomicInteger encodes) {
        return run(new DescribeColorsTask(), TaskRequest.of(sample.input(), TaskOptions.NONE)
                .withProgress((stage, fraction) -> encodes.addAndGet(stage.equals("encode") && fraction == 0 ? 1 : 0)));
    }

    @Test
    void namesTheShapeItsColourAndTheBackgroundWithOneVisionPass() {
        ShapeSample image = ShapeSample.all().get(8);
        AtomicInteger encodes = new AtomicInteger(); // vision passes the request started
        TaskResult result = describe(image, encodes);
        assertThat(result.text()).isEqualTo(image.labels().get("color") + " " + image.labels().get("shape") + " on "
                + image.labels().get("bg"));
        assertThat(result.answers()).hasSize(3);
        assertThat(encodes).hasValue(1);
    }

    @Test
    void theBackgroundCanBeLeftOut() {
        ShapeSample image = ShapeSample.all().get(8);
        TaskResult result = describe(image, TaskOptions.builder().extra("background", "false").build());
        assertThat(result.text()).isEqualTo(image.labels().get("color") + " " + image.labels().get("shape"));
    }
}
