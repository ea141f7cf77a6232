package io.gitplatform.spi;

/** Receives tokens as they are chosen (greedy and sampling stream; beam search reports its winner at the end). */
@FunctionalInterface
public interface TokenListener {
    TokenListener NONE = (row, token) -> { };

    /** {@code row} is the index of the prompt in the request. */
    void onToken(int row, long token);

    /**
     * Whether this listener wants {@link #onScoredToken} with scores: the loop then pays for a log-softmax and a top-k
     * over the vocabulary per token, so only listeners that read the scores (OpenAI logprobs) say yes.
     */
    default boolean wantsScores() {
        return false;
    }

    /**
     * A token with its scores, from loops that have them (greedy and sampling); the default drops the scores. Override
     * this one, and {@link #wantsScores()}, to get log-probabilities; the loop then calls it instead of
     * {@link #onToken}.
     */
    default void onScoredToken(int row, long token, TokenScore score) {
        onToken(row, token);
    }
}
