package io.gitplatform.plugins.captioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The caption head on the tiny shapes model: greedy gives transformers' captions; beams and sampling work. */
class CaptionTaskTests extends EmbeddedPipelineTest {
    private final CaptionTask task = new CaptionTask();

    static List<ShapeSample> samples() {
        return ShapeSample.all();
    }

    private TaskResult caption(ShapeSample sample, GenerationSettings generation) {
        TaskRequest request = TaskRequest.of(sample.input(), TaskOptions.builder().generation(generation).build());
        return run(task, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void greedyCaptionIsTransformersCaption(ShapeSample sample) {
        TaskResult result = caption(sample, GenerationSettings.DEFAULTS);
        assertThat(result.taskId()).isEqualTo("caption");
        assertThat(result.text()).isEqualTo(sample.referenceCaption());
        assertThat(result.finish()).isEqualTo(FinishReason.EOS);
        assertThat(result.usage().promptTokens()).isEqualTo(1);
        assertThat(result.usage().completionTokens()).isPositive();
        assertThat(result.timings().encode()).isPositive();
    }

    @Test
    void beamSearchAndSeededSamplingGiveCaptions() {
        ShapeSample image = samples().get(8);
        assertThat(caption(image, GenerationSettings.beams(3, 20)).text()).isEqualTo(image.referenceCaption());
        GenerationSettings hot = GenerationSettings.sampling(1.5, 0, 1.0, 7);
        String first = caption(image, hot).text();
        assertThat(first).isNotBlank().isEqualTo(caption(image, hot).text());
    }

    @Test
    void tokensAndProgressStreamAndALimitEndsWithLength() {
        ShapeSample video = samples().get(0);
        List<Long> streamed = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        TaskRequest request = TaskRequest.of(video.input(),
                TaskOptions.builder().generation(GenerationSettings.greedy(3)).build())
                .withTokens((row, token) -> streamed.add(token))
                .withProgress((stage, fraction) -> stages.add(stage + " " + fraction));
        TaskResult result;
        result = run(task, request);
        assertThat(streamed).hasSize(3);
        assertThat(stages).containsExactly("encode 0.0", "encode 1.0", "generate 0.0", "generate 1.0");
        assertThat(result.finish()).isEqualTo(FinishReason.LENGTH);
        assertThat(video.referenceCaption()).startsWith(result.text());
    }
}
