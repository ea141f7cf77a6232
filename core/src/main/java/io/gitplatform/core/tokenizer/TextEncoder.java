package io.gitplatform.core.tokenizer;

/** Text to token ids: the native tokenizer for a {@code tokenizer.json}, or the Java WordPiece for a {@code vocab.txt}. */
interface TextEncoder extends AutoCloseable {

    /** @param text already checked and free of unpaired surrogates */
    long[] encode(String text, boolean addSpecialTokens);

    @Override
    void close();
}
