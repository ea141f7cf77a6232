package io.gitplatform.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TokenListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GitPipeline#encodeBatch} and the batched generate, the dynamic batcher's building blocks: the 8 videos (or 8
 * images) of the tiny model's samples in ONE vision pass and ONE generation loop, captions and questions mixed, give
 * the same token ids as each prompt alone.
 */
class BatchedPipelineTests extends EmbeddedPipelineTest {

    @ParameterizedTest(name = "video {0}")
    @ValueSource(booleans = {true, false})
    void batchGivesWhatEachGetsAlone(boolean video) {
        List<ShapeSample> samples = ShapeSample.all().stream().filter(s -> s.video() == video).toList();
        String question = video ? "what shape is it?" : "what color is the background?";
        GenerationOptions options = GenerationOptions.greedy(20);

        List<List<RgbImage>> inputs = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<TextResult> alone = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            ShapeSample s = samples.get(i);
            inputs.add(s.frames());
            try (EncodedInput one = pipeline.encode(s.frames(), video)) {
                alone.add(pipeline.caption(one, options, TokenListener.NONE, () -> false));
                alone.addAll(pipeline.ask(one, List.of(question), options, TokenListener.NONE, () -> false));
            }
            prompts.add("");
            prompts.add(question);
            owner.add(i);
            owner.add(i);
            assertThat(alone.get(2 * i).text()).as(s.name()).isEqualTo(s.referenceCaption());
        }

        List<TextResult> batched;
        try (EncodedInput all = pipeline.encodeBatch(inputs, video)) {
            assertThat(all.prefix().images()).isEqualTo(samples.size());
            batched = pipeline.generate(all, owner.stream().mapToInt(Integer::intValue).toArray(), prompts, options,
                    TokenListener.NONE, () -> false);
        }
        for (int r = 0; r < prompts.size(); r++) {
            assertThat(batched.get(r).tokenIds()).as("row %d", r).containsExactly(alone.get(r).tokenIds());
            assertThat(batched.get(r).text()).isEqualTo(alone.get(r).text());
        }
    }

    @Test
    void refusesInputsOfDifferentFrameCounts() {
        List<RgbImage> six = ShapeSample.all().get(0).frames();
        assertThatThrownBy(() -> pipeline.encodeBatch(List.of(six, six.subList(0, 3)), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one frame count");
    }
}
