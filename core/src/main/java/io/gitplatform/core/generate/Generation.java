package io.gitplatform.core.generate;

import io.gitplatform.spi.FinishReason;
import java.util.Arrays;

/**
 * One generated sequence.
 *
 * @param prompt the prompt ids the row started from
 * @param tokens the generated ids, the end token included when there was one
 * @param finish why it stopped
 * @param score  the sum of the generated tokens' log-probabilities (for beam search: transformers' length-penalised
 *               beam score)
 */
public record Generation(long[] prompt, long[] tokens, FinishReason finish, double score) {

    /** Prompt and generated ids together, as transformers' {@code generate} returns them. */
    public long[] sequence() {
        long[] all = Arrays.copyOf(prompt, prompt.length + tokens.length);
        System.arraycopy(tokens, 0, all, prompt.length, tokens.length);
        return all;
    }

    @Override
    public String toString() {
        return "Generation" + Arrays.toString(tokens) + " " + finish;
    }
}
