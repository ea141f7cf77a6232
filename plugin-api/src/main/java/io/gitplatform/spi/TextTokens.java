package io.gitplatform.spi;

/** The model's tokenizer, for heads that build prompts from token ids (for example, scoring labels in a caption). */
public interface TextTokens {

    /** WordPiece ids of {@code text}, without {@code [CLS]} or {@code [SEP]}. */
    long[] encode(String text);

    /** The text of {@code ids}, special tokens skipped and {@code ##} pieces merged. */
    String decode(long[] ids);

    /** {@code [CLS]}: every prompt starts with it. */
    long cls();

    /** {@code [SEP]}: the end of a text. */
    long sep();
}
