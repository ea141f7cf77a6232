package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad folders name the file and the problem; bad input is rejected or made safe, never a crash. */
class GitTokenizerErrorsTest {

    @TempDir
    Path temp;

    @Test
    void aFolderWithNeitherFile() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertThatThrownBy(() -> GitTokenizer.load(empty)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("neither tokenizer.json nor vocab.txt");
        assertThatThrownBy(() -> GitTokenizer.load(temp.resolve("missing"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing").hasMessageContaining("no such directory");
    }

    @Test
    void malformedJson() throws IOException {
        Path file = tokenizerJson("{\"model\": {\"type\": \"WordPiece\", ");
        assertThatThrownBy(() -> GitTokenizer.load(file.getParent())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("malformed JSON");
    }

    @Test
    void notAWordPieceTokenizer() throws IOException {
        Path file = tokenizerJson(tinyJson().replace("\"type\": \"WordPiece\",\n    \"unk_token\"",
                "\"type\": \"BPE\",\n    \"unk_token\""));
        assertThatThrownBy(() -> GitTokenizer.load(file.getParent())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("model.type is 'BPE'");
    }

    @Test
    void jsonTheNativeLibraryRejects() throws IOException {
        Path file = tokenizerJson(tinyJson().replace("BertPreTokenizer", "NoSuchPreTokenizer"));
        assertThatThrownBy(() -> GitTokenizer.load(file.getParent())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("tokenizers library cannot load it");
    }

    @Test
    void aPostProcessorThatDisagreesWithTheVocabulary() throws IOException {
        Path file = tokenizerJson(tinyJson().replace("\"ids\": [\n          2\n        ]", "\"ids\": [\n          4\n        ]"));
        assertThatThrownBy(() -> GitTokenizer.load(file.getParent())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("[4, 3]");
    }

    @Test
    void aVocabularyWithoutClsOrSep() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("no-cls"));
        Files.writeString(folder.resolve("vocab.txt"), "[PAD]\n[UNK]\n[MASK]\na\ncircle\n");
        assertThatThrownBy(() -> GitTokenizer.load(folder)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(folder.resolve("vocab.txt").toString())
                .hasMessageContaining("[CLS], [SEP]");
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void textOverTheLimit(Fixtures.Source source) {
        try (GitTokenizer tokenizer = source.load(Fixtures.tinyShapes(), temp)) {
            assertThat(tokenizer.maxChars()).isEqualTo(10_000);
            assertThat(tokenizer.encode("a ".repeat(5_000), false)).hasSize(5_000);
            assertThatThrownBy(() -> tokenizer.encode("a".repeat(10_001), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
        }
        Path folder = source == Fixtures.Source.TOKENIZER_JSON ? Fixtures.tinyShapes()
                : Fixtures.vocabTxtFolder(Fixtures.tinyShapes(), temp);
        try (GitTokenizer tokenizer = GitTokenizer.load(folder, 8)) {
            assertThat(tokenizer.encode("a circle", false)).containsExactly(8, 13);
            assertThatThrownBy(() -> tokenizer.encode("a circles", false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit is 8");
        }
        assertThatThrownBy(() -> GitTokenizer.load(folder, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void unpairedSurrogatesAreDroppedLikeOtherNonText(Fixtures.Source source) {
        try (GitTokenizer bert = source.load(Fixtures.tinyRandom(), temp)) {
            long[] clean = bert.encode("a red circle", true);
            for (String broken : new String[] {
                "a red\uD83C circle", "a red \uDC36circle", "\uD83Ca red circle\uD83C", "a red \uDC36\uD83Dcircle"}) {
                assertThat(bert.encode(broken, true)).as(broken).containsExactly(clean);
            }
            assertThat(bert.encode("a red 🎸 circle", false)).as("a valid pair stays").contains(100L);
        }
    }

    @Test
    void replacesOnlyUnpairedSurrogates() {
        assertThat(GitTokenizer.replaceUnpairedSurrogates("ok 🐶")).isEqualTo("ok 🐶");
        assertThat(GitTokenizer.replaceUnpairedSurrogates("x\uDC36\uD83Dy🐶\uD83D"))
                .isEqualTo("x\uFFFD\uFFFDy🐶\uFFFD");
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void decodingAnIdOutsideTheVocabulary(Fixtures.Source source) {
        try (GitTokenizer tiny = source.load(Fixtures.tinyShapes(), temp)) {
            assertThatThrownBy(() -> tiny.decode(new long[] {2, 8, 42}, true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
            assertThatThrownBy(() -> tiny.decode(new long[] {-1}, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
            assertThat(tiny.isSpecial(42)).isFalse();
        }
    }

    private static String tinyJson() throws IOException {
        return Files.readString(Fixtures.tinyShapes().resolve("tokenizer.json"));
    }

    private Path tokenizerJson(String content) throws IOException {
        Path folder = Files.createTempDirectory(temp, "model");
        return Files.writeString(folder.resolve("tokenizer.json"), content);
    }
}
