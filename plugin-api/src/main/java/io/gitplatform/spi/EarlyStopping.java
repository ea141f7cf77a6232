package io.gitplatform.spi;

import java.util.Locale;

/**
 * When beam search settles a prompt, with transformers' three values of {@code early_stopping}: a request spells it
 * {@code true}, {@code false} or {@code never} ({@link #parse}).
 */
public enum EarlyStopping {
    /** {@code False}: stop when the best running beam, scored at the current length, cannot beat the worst finished. */
    HEURISTIC,
    /** {@code True}: stop as soon as {@code numBeams} hypotheses are finished. */
    WHEN_FULL,
    /**
     * {@code "never"}: like {@link #HEURISTIC}, but the running beam is scored at the longest length it could reach
     * (with a positive length penalty), so no better hypothesis can be missed.
     */
    NEVER;

    /** transformers' spelling: {@code true}, {@code false} or {@code "never"}. */
    public static EarlyStopping parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> WHEN_FULL;
            case "false" -> HEURISTIC;
            case "never" -> NEVER;
            default -> throw new IllegalArgumentException(
                    "early_stopping must be true, false or \"never\", got '" + value + "'");
        };
    }

    /** transformers' spelling, for output. */
    public String spelling() {
        return switch (this) {
            case HEURISTIC -> "false";
            case WHEN_FULL -> "true";
            case NEVER -> "never";
        };
    }
}
