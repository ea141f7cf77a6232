package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.testing.SharedFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the known divergence between the encoders exact: every listed code point still differs (when the Java tables
 * are aligned with the library's, this test names the code points to drop from the list).
 */
class UnicodeDivergenceTest {
    @TempDir
    Path temp;

    @Test
    void everyListedCodePointStillDiffers() {
        try (GitTokenizer n = GitTokenizer.load(SharedFixtures.tinyRandom());
                GitTokenizer j = GitTokenizer.load(Fixtures.vocabTxtFolder(SharedFixtures.tinyRandom(), temp))) {
            List<String> agreeing = new ArrayList<>();
            for (int cp : UnicodeDivergence.CODE_POINTS) {
                String text = "cat" + Character.toString(cp) + "dog x";
                if (Arrays.equals(n.encode(text, false), j.encode(text, false))) {
                    agreeing.add(String.format("%06X", cp));
                }
            }
            assertThat(agreeing).as("code points that no longer differ").isEmpty();
            assertThat(UnicodeDivergence.CODE_POINTS).hasSize(367);
        }
    }
}
