package io.gitplatform.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TokenListener;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * min_new_tokens forbids the end token until that many tokens exist, for greedy search and sampling alike: sampling
 * with top-k 1 is greedy, so both give the same tokens and scores, with and without the constraint.
 */
class MinNewTokensTests extends EmbeddedPipelineTest {

    @Test
    void greedyAndTopOneSamplingAgreeAndNeverEndEarly() {
        ShapeSample sample = ShapeSample.all().get(0);
        List<String> questions = List.of("what color is the background?", "what shape is it?");
        try (EncodedInput input = pipeline.encode(sample.frames(), sample.video())) {
            for (int minNew : new int[] {0, 15}) {
                GenerationOptions greedy = GenerationOptions.greedy(15).withMinNewTokens(minNew);
                GenerationOptions topOne = GenerationOptions.sampling(15, 1.0, 1, 1.0, 0).withMinNewTokens(minNew);
                List<TextResult> a = pipeline.ask(input, questions, greedy, TokenListener.NONE, () -> false);
                List<TextResult> b = pipeline.ask(input, questions, topOne, TokenListener.NONE, () -> false);
                for (int i = 0; i < questions.size(); i++) {
                    assertThat(a.get(i).tokenIds()).as("min %d, row %d", minNew, i).containsExactly(b.get(i).tokenIds());
                    assertThat(a.get(i).score()).isCloseTo(b.get(i).score(), Offset.offset(1e-4));
                    if (minNew == 15) {
                        assertThat(a.get(i).tokenIds()).hasSize(15).doesNotContain(pipeline.tokenizer().sepTokenId());
                    }
                }
            }
        }
    }
}
