package io.gitplatform.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.gitplatform.core.model.DecodeInput;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * {@link GitPipeline#scoreTokens} runs each prompt once and its continuations in one batch; every score must equal
 * the sum of log-probabilities of the whole row fed alone.
 */
class ScoreTokensTests extends EmbeddedPipelineTest {

    @Test
    void promptsOfDifferentLengthsAndContinuationsOfDifferentLengthsScoreAsRowsAlone() {
        ShapeSample sample = ShapeSample.all().get(0);
        List<long[]> prompts = List.of(pipeline.prompt(""), pipeline.prompt("what color is the"),
                pipeline.prompt("what shape"));
        List<long[]> continuations = List.of(body("red"), body("purple square"), body("a yellow circle moving up"));
        try (EncodedInput input = pipeline.encode(sample.frames(), sample.video())) {
            double[][] scores = pipeline.scoreTokens(input, prompts, continuations);
            for (int p = 0; p < prompts.size(); p++) {
                for (int c = 0; c < continuations.size(); c++) {
                    assertThat(scores[p][c]).as("prompt %d, continuation %d", p, c)
                            .isCloseTo(alone(input, prompts.get(p), continuations.get(c)), Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void singleTokenContinuationsNeedOnlyThePromptPass() {
        ShapeSample sample = ShapeSample.all().get(0);
        List<long[]> continuations = List.of(body("red"), body("blue"));
        try (EncodedInput input = pipeline.encode(sample.frames(), sample.video())) {
            long[] head = pipeline.prompt("what color is the");
            long[] red = {continuations.get(0)[0]};
            double[][] scores = pipeline.scoreTokens(input, List.of(head), List.of(red));
            assertThat(scores[0][0]).isCloseTo(alone(input, head, red), Offset.offset(1e-4));
        }
    }

    private static long[] body(String text) {
        return pipeline.tokenizer().encode(text, false);
    }

    /** The summed log-probabilities of {@code body} after {@code head}, the whole row in one pass of one row. */
    private static double alone(EncodedInput input, long[] head, long[] body) {
        GitModel model = pipeline.model();
        int n = head.length + body.length;
        long[] ids = new long[n];
        System.arraycopy(head, 0, ids, 0, head.length);
        System.arraycopy(body, 0, ids, head.length, body.length);
        try (NDManager m = model.manager().newSubManager()) {
            float[] logProbs = model.decode(m, input.prefix(), model.newCache(m, 1), DecodeInput.sequence(ids))
                    .logSoftmax(-1).toFloatArray(); // [n * vocab]
            int vocab = model.config().vocab_size();
            double sum = 0;
            for (int t = head.length - 1; t < n - 1; t++) {
                sum += logProbs[t * vocab + (int) ids[t + 1]];
            }
            return sum;
        }
    }
}
