package io.gitplatform.spi;

/** Receives tokens as they are chosen (greedy and sampling stream; beam search reports its winner at the end). */
@FunctionalInterface
public interface TokenListener {
    TokenListener NONE = (row, token) -> { };

    /** {@code row} is the index of the prompt in the request. */
    void onToken(int row, long token);

    /**
     * A token with its scores, from loops that have them (greedy and sampling); the default drops the scores. Override
     * this one to get log-probabilities; the loop calls it instead of {@link #onToken}.
     */
    default void onScoredToken(int row, long token, TokenScore score) {
        onToken(row, token);
    }
}
