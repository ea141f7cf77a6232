package io.gitplatform.core.generate;

import java.util.List;

/** How the generation loop picks tokens: greedy and sampling choose per row, beam search also reorders rows. */
interface Search {

    /** For each decoder row, the index of the prompt it belongs to. */
    int[] rowPrompt();

    /** Whether {@link #choose} wants log-probabilities (log-softmax) instead of raw logits. */
    boolean wantsLogProbs();

    /** Picks the next token of every row from [rows * vocab] scores; may reorder rows (see {@link #reorder()}). */
    long[] choose(float[] scores, int vocab);

    /** After {@link #choose}: row i continues old row {@code reorder()[i]}, or null when rows kept their places. */
    int[] reorder();

    boolean done();

    /** One result per prompt; {@code cancelled} marks unfinished rows as cancelled. */
    List<Generation> results(boolean cancelled);
}
