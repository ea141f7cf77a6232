package io.gitplatform.core.tokenizer;

/**
 * Turns generated ids into text as they arrive. The deltas {@link #push(long)} returns concatenate to exactly
 * {@code decode(allIds, true)}: a {@code ##} piece glues to the word before, special tokens add nothing, and the first
 * text token gets no leading space. Not thread-safe: one stream per generation.
 */
public final class TokenStream {

    private final GitTokenizer tokenizer;
    private boolean started;

    TokenStream(GitTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @return the text to print for one more token, possibly empty
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String push(long id) {
        String piece = tokenizer.piece(id, !started);
        started |= !tokenizer.isSpecial(id);
        return piece;
    }
}
