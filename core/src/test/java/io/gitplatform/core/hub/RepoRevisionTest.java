package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hub's revision answer, read defensively: a wrong or missing field names the repo and the file. */
class RepoRevisionTest {
    private static final RepoId REPO = RepoId.parse("o/n");
    private static final String SHA = "a".repeat(40);

    @Test
    void readsCommitFilesSizesAndChecksums() {
        RepoRevision r = RepoRevision.parse(REPO, "main", "{\"sha\": \"" + SHA + "\", \"siblings\": ["
                + "{\"rfilename\": \"config.json\", \"size\": 12, \"blobId\": \"" + "b".repeat(40) + "\"},"
                + "{\"rfilename\": \"model.safetensors\", \"size\": 99, \"blobId\": \"" + "c".repeat(40) + "\","
                + " \"lfs\": {\"sha256\": \"" + "d".repeat(64) + "\", \"size\": 99, \"pointerSize\": 130}},"
                + "{\"rfilename\": \"onnx/odd.bin\"}]}");
        assertThat(r.commit()).isEqualTo(SHA);
        assertThat(r.fileNames()).containsExactly("config.json", "model.safetensors", "onnx/odd.bin");
        assertThat(r.file("config.json")).isEqualTo(new RepoFile("config.json", 12, "b".repeat(40), null));
        assertThat(r.file("model.safetensors")).isEqualTo(new RepoFile("model.safetensors", 99, null, "d".repeat(64)));
        assertThat(r.file("model.safetensors").checksum()).isEqualTo("sha256 " + "d".repeat(64));
        // A file nobody downloads may be odd; one that is wanted may not.
        assertThatThrownBy(() -> r.file("onnx/odd.bin")).isInstanceOf(HubException.class)
                .hasMessageContaining("o/n").hasMessageContaining("onnx/odd.bin").hasMessageContaining("size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{", "{\"sha\": \"" + "a" + "\", \"siblings\": []}", "{\"siblings\": []}",
            "{\"sha\": \"" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "\"}",
            "{\"sha\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"siblings\": {}}",
            "{\"sha\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"siblings\": [{\"size\": 1}]}",
            "{\"sha\": [1], \"siblings\": []}"})
    void malformedAnswersAreRejected(String json) {
        assertThatThrownBy(() -> RepoRevision.parse(REPO, "main", json)).isInstanceOf(HubException.class)
                .hasMessageContaining("o/n")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.BAD_RESPONSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"size\": -1, \"blobId\": \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"",
            "\"size\": \"x\", \"blobId\": \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"",
            "\"size\": 1, \"blobId\": \"../x\"", "\"size\": 1",
            "\"size\": 1, \"lfs\": {\"sha256\": \"zz\", \"size\": 1}",
            "\"size\": 1, \"lfs\": {\"sha256\": \"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\"}"})
    void aWantedFileWithoutAUsableSizeOrChecksumIsRejected(String fields) {
        RepoRevision r = RepoRevision.parse(REPO, "main", "{\"sha\": \"" + SHA + "\", \"siblings\": ["
                + "{\"rfilename\": \"config.json\", " + fields + "}]}");
        assertThatThrownBy(() -> r.file("config.json")).isInstanceOf(HubException.class)
                .hasMessageContaining("config.json");
    }

    @Test
    void aRepoWithoutSafetensorsIsNotAGitFolder() {
        RepoRevision r = RepoRevision.parse(REPO, "main", "{\"sha\": \"" + SHA + "\", \"siblings\": ["
                + "{\"rfilename\": \"config.json\", \"size\": 1, \"blobId\": \"" + "b".repeat(40) + "\"},"
                + "{\"rfilename\": \"pytorch_model.bin\", \"size\": 1, \"blobId\": \"" + "b".repeat(40) + "\"}]}");
        assertThatThrownBy(() -> GitFiles.select(r)).isInstanceOf(HubException.class)
                .hasMessageContaining("o/n@" + SHA).hasMessageContaining("model.safetensors")
                .hasMessageContaining("tokenizer.json or vocab.txt").hasMessageContaining("pytorch_model.bin")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.UNSUPPORTED);
    }

    @Test
    void vocabTxtServesWhenThereIsNoTokenizerJson() {
        RepoRevision r = RepoRevision.parse(REPO, "main", "{\"sha\": \"" + SHA + "\", \"siblings\": ["
                + sibling("vocab.txt") + "," + sibling("model.safetensors") + "," + sibling("config.json") + ","
                + sibling("special_tokens_map.json") + "," + sibling("pytorch_model.bin") + "]}");
        assertThat(GitFiles.select(r)).extracting(RepoFile::name)
                .containsExactly("special_tokens_map.json", "vocab.txt", "config.json", "model.safetensors");
    }

    private static String sibling(String name) {
        return "{\"rfilename\": \"" + name + "\", \"size\": 1, \"blobId\": \"" + "b".repeat(40) + "\"}";
    }
}
