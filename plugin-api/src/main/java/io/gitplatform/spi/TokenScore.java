package io.gitplatform.spi;

/**
 * What the generation loop knew when it chose a token: the token's log-probability under the distribution it was
 * chosen from (after penalties and the minimum-length rule, before temperature and top-k/top-p), and the most likely
 * tokens of that distribution, best first.
 *
 * @param logprob     the chosen token's natural-log probability
 * @param topIds      the most likely token ids, best first (up to {@link #TOP})
 * @param topLogprobs their log-probabilities, in the same order
 */
public record TokenScore(double logprob, long[] topIds, double[] topLogprobs) {
    /** How many alternatives the loop reports: OpenAI's maximum {@code top_logprobs}. */
    public static final int TOP = 20;
}
