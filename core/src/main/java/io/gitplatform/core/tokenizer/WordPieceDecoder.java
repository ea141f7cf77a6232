package io.gitplatform.core.tokenizer;

/**
 * The text each token adds, as the tokenizers library's WordPiece decoder (the one transformers 5 runs for GIT)
 * writes it: the first kept token as it is, then {@code ##x} as {@code x} and any other token as {@code " " + token},
 * each piece cleaned on its own ({@code " ."} becomes {@code "."}...). transformers 5 adds no whole-string clean-up for
 * GIT: its {@code clean_up_tokenization_spaces} defaults to false and GIT's tokenizer config does not set it.
 *
 * <p>Because each piece depends only on its token and on whether it is the first, decoding is plain concatenation,
 * which is what lets {@link TokenStream} print exactly the text {@code decode} returns.
 */
record WordPieceDecoder(String prefix, boolean cleanup) {

    static final String PREFIX = "##";

    String piece(String token, boolean first) {
        String piece = first ? token
                : token.startsWith(prefix) ? token.substring(prefix.length())
                : " " + token;
        return cleanup ? cleanUp(piece) : piece;
    }

    /** The tokenizers library's {@code cleanup}, in its order. */
    private static String cleanUp(String s) {
        return s.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" do not", " don't")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
