package io.gitplatform.core.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Uncased BERT's text-to-words step, as the tokenizers library's {@code BertNormalizer} (clean text, space out CJK
 * ideographs, strip accents, lower-case: in that order) and {@code BertPreTokenizer} (split on whitespace, isolate
 * punctuation) do it, code point by code point so characters outside the BMP count once.
 */
final class BasicTokenizer {

    private BasicTokenizer() {
    }

    static List<String> words(String text) {
        return split(normalize(text));
    }

    static String normalize(String text) {
        StringBuilder cleaned = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                cleaned.append(' ');
            } else if (isCjkIdeograph(cp)) {
                cleaned.append(' ').appendCodePoint(cp).append(' ');
            } else {
                cleaned.appendCodePoint(cp);
            }
        });
        String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                // per code point, so no context rule (Greek final sigma) applies: the library lower-cases char by
                // char; the one multi-char lower case (U+0130) was already decomposed by NFD
                .forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString();
    }

    static List<String> split(String normalized) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        normalized.codePoints().forEach(cp -> {
            if (isWhitespace(cp) || isPunctuation(cp)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (!isWhitespace(cp)) {
                    words.add(Character.toString(cp));
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The library's "control": categories Cc, Cf and Co (its {@code is_other} leaves out unassigned code points, which
     * so become unknown tokens), except the three whitespace controls.
     */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE;
    }

    /**
     * Rust's {@code char::is_whitespace} (Unicode White_Space) for what survives {@link #isControl}: tab, newline,
     * carriage return and the space, line and paragraph separators. Java's {@code Character.isWhitespace} would miss
     * the no-break spaces.
     */
    private static boolean isWhitespace(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r' || Character.isSpaceChar(cp);
    }

    /** ASCII punctuation (which includes {@code $+<=>^`|~}, symbols to Unicode) or any Unicode punctuation. */
    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK blocks BERT spaces out (not kana or hangul, which are written with spaces), as the library lists them. */
    private static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
