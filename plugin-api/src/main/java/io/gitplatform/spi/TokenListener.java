package io.gitplatform.spi;

/** Receives tokens as they are chosen (greedy and sampling stream; beam search reports its winner at the end). */
@FunctionalInterface
public interface TokenListener {
    TokenListener NONE = (row, token) -> { };

    /** {@code row} is the index of the prompt in the request. */
    void onToken(int row, long token);
}
