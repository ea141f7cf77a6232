package io.gitplatform.spi;

/** Why a sequence stopped. */
public enum FinishReason {
    /** The model produced the end token. */
    EOS,
    /** The token budget ran out. */
    LENGTH,
    /** The caller cancelled. */
    CANCELLED
}
