package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Model sources as users write them in YAML and on the command line. */
class ModelSourceTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "embedded", " embedded "})
    void embedded(String spec) {
        assertThat(ModelSource.parse(spec)).isEqualTo(new ModelSource.Embedded());
        assertThat(ModelSource.parse(spec, " ")).isEqualTo(new ModelSource.Embedded());
    }

    @Test
    void anExistingFolder() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("models/git"));
        assertThat(ModelSource.parse(temp + "/models/../models/git"))
                .isEqualTo(new ModelSource.LocalFolder(folder.toAbsolutePath()));
        assertThatThrownBy(() -> ModelSource.parse(folder.toString(), "main"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only hub models have revisions");
    }

    @Test
    void aMissingFolderOrAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("config.json"), "{}");
        assertThatThrownBy(() -> ModelSource.parse(file.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is a file");
        for (String missing : new String[] {temp.resolve("nope").toString(), "./nope", "../../etc", "nope"}) {
            assertThatThrownBy(() -> ModelSource.parse(missing)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(missing).hasMessageContaining("no such model folder");
        }
    }

    @Test
    void aFolderWinsOverTheHubIdItLooksLike() throws IOException {
        Path owner = Files.createDirectories(Path.of("target/hub-test-owner/git"));
        try {
            assertThat(ModelSource.parse("target/hub-test-owner/git")).isInstanceOf(ModelSource.LocalFolder.class);
        } finally {
            Files.delete(owner);
            Files.delete(owner.getParent());
        }
    }

    @Test
    void hubIds() {
        ModelSource.Hub pinned = (ModelSource.Hub) ModelSource.parse("hub:microsoft/git-base-vatex@" + COMMIT);
        assertThat(pinned.repo()).isEqualTo(new RepoId("microsoft", "git-base-vatex"));
        assertThat(pinned.revision()).isEqualTo(COMMIT);
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned).hasToString("hub:microsoft/git-base-vatex@" + COMMIT);

        ModelSource.Hub main = (ModelSource.Hub) ModelSource.parse("microsoft/git-base-vatex");
        assertThat(main.revision()).isEqualTo("main");
        assertThat(main.pinned()).isFalse();
        assertThat(ModelSource.parse("microsoft/git-base-vatex", "v1.0")).isEqualTo(
                new ModelSource.Hub(main.repo(), "v1.0"));
        assertThat(ModelSource.parse("hub:microsoft/git-base-vatex@refs/pr/3", "refs/pr/3")).isEqualTo(
                new ModelSource.Hub(main.repo(), "refs/pr/3"));
        assertThat(ModelSource.parse("hub:Org.Name/model_v2.1@main")).isInstanceOf(ModelSource.Hub.class);
        assertThatThrownBy(() -> ModelSource.parse("hub:microsoft/git-base-vatex@main", "v2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'main'")
                .hasMessageContaining("'v2'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub:microsoft", "hub:a/b/c", "hub:../etc/passwd", "hub:a/..", "hub:../..", "hub:a/.",
            "hub:-a/b", "hub:a/_b", "hub:a b/c", "hub:a/b%2F..", "hub:a--b/c", "hub:a/b..c", "hub:/a", "hub:a/",
            "hub:é/x", "hub:", "foo/..", "a/b c"})
    void malformedIdsAreRejected(String spec) {
        assertThatThrownBy(() -> ModelSource.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid hub model id").hasMessageContaining("owner/name");
    }

    @Test
    void idPartsAreAtMost96Characters() {
        String longest = "a".repeat(96);
        assertThat(ModelSource.parse("hub:" + longest + "/" + longest)).isInstanceOf(ModelSource.Hub.class);
        assertThatThrownBy(() -> ModelSource.parse("hub:" + longest + "a/x"))
                .hasMessageContaining("not a valid hub model id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "..", "/main", "main/", "a//b", ".hidden", "-x", "a b", "a\nb", "main@x",
            "a\\b"})
    void malformedRevisionsAreRejected(String revision) {
        assertThatThrownBy(() -> ModelSource.parse("hub:a/b@" + revision)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid revision");
        assertThatThrownBy(() -> ModelSource.parse("a/b", revision)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid revision");
    }

    @Test
    void messagesShowUntrustedTextSafely() {
        assertThatThrownBy(() -> ModelSource.parse("hub:a\u001b[31m/b")).hasMessageContaining("a?[31m/b")
                .hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> ModelSource.parse("hub:x/" + "y".repeat(500))).hasMessageContaining("...")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(500));
    }

    @Test
    void repoIdsNameTheirCacheFolder() {
        assertThat(RepoId.parse("microsoft/git-base-vatex").cacheName()).isEqualTo("models--microsoft--git-base-vatex");
    }
}
