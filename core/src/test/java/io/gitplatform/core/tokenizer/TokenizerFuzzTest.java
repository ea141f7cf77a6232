package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gitplatform.core.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any text through both encoders of bert-base-uncased's vocabulary (the native tokenizers library from
 * {@code tokenizer.json}, the Java WordPiece from {@code vocab.txt}) and any ids through the decoder: the encoders agree
 * id for id (except on the characters of {@link UnicodeDivergence}, a finding of this test), ids stay in the vocabulary, decoding what was encoded works, and the token stream prints exactly what
 * {@code decode} returns. Ids outside the vocabulary are an IllegalArgumentException, nothing else.
 */
class TokenizerFuzzTest {
    private static GitTokenizer nativeTokenizer;
    private static GitTokenizer javaTokenizer;

    @BeforeAll
    static void load() throws IOException {
        nativeTokenizer = GitTokenizer.load(SharedFixtures.tinyRandom());
        javaTokenizer = GitTokenizer.load(Fixtures.vocabTxtFolder(SharedFixtures.tinyRandom(),
                Files.createTempDirectory("fuzz-vocab")));
    }

    @AfterAll
    static void close() {
        nativeTokenizer.close();
        javaTokenizer.close();
    }

    @FuzzTest(maxDuration = "10s")
    void encodeAndDecode(FuzzedDataProvider data) {
        boolean special = data.consumeBoolean();
        long[] free = new long[data.consumeInt(0, 32)];
        for (int i = 0; i < free.length; i++) {
            free[i] = data.consumeLong(-2, nativeTokenizer.vocabSize() + 1);
        }
        String text = data.consumeRemainingAsString();

        long[] ids = nativeTokenizer.encode(text, special);
        if (!UnicodeDivergence.touches(text)) {
            assertThat(javaTokenizer.encode(text, special)).as("Java WordPiece vs tokenizers for %s",
                    Arrays.toString(text.codePoints().toArray())).containsExactly(ids);
        }
        assertThat(Arrays.stream(ids).allMatch(id -> id >= 0 && id < nativeTokenizer.vocabSize())).isTrue();
        decodesLikeTheStream(ids);

        if (Arrays.stream(free).allMatch(id -> id >= 0 && id < nativeTokenizer.vocabSize())) {
            decodesLikeTheStream(free);
        } else {
            assertThatThrownBy(() -> nativeTokenizer.decode(free, true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the vocabulary");
        }
    }

    private static void decodesLikeTheStream(long[] ids) {
        String decoded = nativeTokenizer.decode(ids, true);
        TokenStream stream = nativeTokenizer.stream();
        StringBuilder printed = new StringBuilder();
        for (long id : ids) {
            printed.append(stream.push(id));
        }
        assertThat(printed.toString()).isEqualTo(decoded);
        assertThat(javaTokenizer.decode(ids, false)).isEqualTo(nativeTokenizer.decode(ids, false));
    }
}
