package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java WordPiece (vocab.txt) and the Java decoder against the tokenizers library itself on bert-base-uncased, well
 * beyond the fixture strings. The library's Unicode category tables predate Unicode 9, so a few hundred characters
 * added since (new combining marks and punctuation in Indic and historic scripts) split differently in Java 17; the
 * ranges below are the scripts in which they agree code point for code point.
 */
class NativeParityTest {

    @TempDir
    static Path temp;

    private static HuggingFaceTokenizer nativeTokenizer;
    private static GitTokenizer java;

    @BeforeAll
    static void load() throws IOException {
        nativeTokenizer = HuggingFaceTokenizer.newInstance(Fixtures.tinyRandom().resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        java = Fixtures.Source.VOCAB_TXT.load(Fixtures.tinyRandom(), temp);
    }

    @AfterAll
    static void close() {
        nativeTokenizer.close();
        java.close();
    }

    @Test
    void everyCodePointOfCommonScriptsTokenizesAlike() {
        int[][] ranges = {
            {0x0000, 0x07FC}, // Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, NKo
            {0x1E00, 0x1FFF}, // Latin and Greek extended
            {0x2000, 0x2E42}, // punctuation, symbols, arrows, dingbats
            {0x3000, 0x9FFF}, // CJK punctuation, kana, CJK ideographs
            {0xAC00, 0xD7A3}, // Hangul
            {0xE000, 0xFFFF}, // private use, compatibility ideographs, forms, specials
            {0x1F000, 0x1FAFF}, // emoji (including ones newer than the library's tables: unassigned to it, symbols to Java)
            {0x20000, 0x2FA1F}, // CJK extensions
        };
        List<String> mismatches = new ArrayList<>();
        for (int[] range : ranges) {
            for (int cp = range[0]; cp <= range[1]; cp++) {
                if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                    continue;
                }
                // twice, between letters: shows whether it is dropped, split off, spaced out or part of the word
                String text = "a" + Character.toString(cp) + Character.toString(cp) + "b";
                if (!Arrays.equals(java.encode(text, false), nativeIds(text))) {
                    mismatches.add(Integer.toHexString(cp));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void randomTextTokenizesAlike() {
        String[] pool = {
            "a", "E", "z", "Q", "ing", "un", "the", "quick", "brown", "supercalifragilistic", "x".repeat(99),
            "é", "Ñ", "ö", "e\u0301", "ﬁ", "İ", "Σ", "ß", "Æ", "Å", "Ω", "я", "Ж", "ع", "ש",
            "中", "文", "日本", "語", "カタカナ", "ひらがな", "한국어", "\uD840\uDC00", "\uF900",
            "🎸", "🐶", "👍🏽", "👨‍👩‍👧", "\uD83E\uDD70",
            " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "\u2028", "\u000B", "\u0085",
            ".", ",", "!", "?", "'", "\"", "$", "#", "@", "%", "&", "^", "`", "~", "|", "+", "<", "=", "—", "…", "«",
            "¿", "「", "、", "·", "\u0000", "\u0007", "\u200B", "\u200D", "\uFEFF", "\uE000", "\uFFFD", "\u0378",
            "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", "[cls]", "[CLS", "SEP]", "##", "##ing",
            "don't", "it's", "5.00", "50%", "a&b", "e-mail", "U.S.A."
        };
        Random random = new Random(42);
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                text.append(pool[random.nextInt(pool.length)]);
            }
            String t = text.toString();
            assertThat(java.encode(t, false)).as("%s", t).containsExactly(nativeIds(t));
            assertThat(java.encode(t, true)).as("%s", t)
                    .containsExactly(nativeTokenizer.encode(t, true, false).getIds());
        }
    }

    @Test
    void decodingMatchesTheLibrary() {
        Random random = new Random(7);
        long[] punctuation = {1005, 1010, 1012, 1029, 999, 1056, 1049, 1050, 1521, 2015}; // ' , . ? ! t m n ’ ##s
        for (int n = 0; n < 3000; n++) {
            long[] ids = IntStream.range(0, random.nextInt(25)).mapToLong(i -> switch (random.nextInt(4)) {
                case 0 -> punctuation[random.nextInt(punctuation.length)];
                case 1 -> 99 + random.nextInt(6); // [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103, unused
                default -> random.nextInt(java.vocabSize());
            }).toArray();
            for (boolean skip : new boolean[] {true, false}) {
                assertThat(java.decode(ids, skip)).as("%s skip=%s", java.decode(ids, false), skip)
                        .isEqualTo(nativeTokenizer.decode(ids, skip));
            }
        }
    }

    private static long[] nativeIds(String text) {
        return nativeTokenizer.encode(text, false, false).getIds();
    }
}
