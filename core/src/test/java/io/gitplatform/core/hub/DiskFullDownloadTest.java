package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model cache on a real, small file system (a 2 MiB tmpfs) that fills up halfway through the 5.8 MB weights: the
 * kernel's own ENOSPC, not a simulation. The download fails naming the cache and the cause, leaves no file in the
 * snapshot that is not verified and no ref, and once space is freed the next download resumes and completes. Needs
 * root with CAP_SYS_ADMIN (as CI and the development machines have); skipped where {@code mount} is refused.
 */
class DiskFullDownloadTest {
    @TempDir
    Path temp;
    Path cache;
    FakeHub hub;

    @BeforeEach
    void mountSmallCache() throws Exception {
        cache = Files.createDirectories(temp.resolve("cache"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", cache.toString()) == 0,
                "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)");
        hub = new FakeHub(SharedFixtures.tinyShapes());
    }

    @AfterEach
    void unmount() throws Exception {
        if (hub != null) {
            hub.close();
            run("umount", cache.toString());
        }
    }

    @Test
    void aFullDiskFailsTheDownloadCleanlyAndItResumesOnceThereIsSpace() throws Exception {
        byte[] weights = hub.files.get(FakeHub.LFS_FILE);
        assertThat(weights.length).isGreaterThan(2 << 20);

        assertThatThrownBy(() -> new HubDownloader(options()).download(FakeHub.REPO, "main"))
                .hasMessageContaining("No space left on device").hasMessageContaining(cache.toString());
        Path snapshot = repoDir().resolve("snapshots").resolve(hub.commit);
        assertThat(snapshot.resolve(FakeHub.LFS_FILE)).doesNotExist();
        assertThat(repoDir().resolve("refs/main")).doesNotExist();
        for (Path f : files(snapshot)) {
            assertThat(f).as("only verified files enter the snapshot").hasBinaryContent(
                    hub.files.get(f.getFileName().toString()));
        }
        List<Path> partial = files(repoDir().resolve("blobs"));
        assertThat(partial).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".incomplete"));
        long kept = Files.size(partial.get(0));
        assertThat(kept).isPositive().isLessThan(weights.length);

        assertThat(run("mount", "-o", "remount,size=16m", cache.toString())).isZero();
        int before = hub.requests().size();
        HubSnapshot done = new HubDownloader(options()).download(FakeHub.REPO, "main");

        assertThat(done.dir().resolve(FakeHub.LFS_FILE)).hasBinaryContent(weights);
        assertThat(hub.requests().subList(before, hub.requests().size())).filteredOn(FakeHub.Request::cdn)
                .extracting(FakeHub.Request::range).containsExactly("bytes=" + kept + "-");
        assertThat(files(repoDir().resolve("blobs"))).noneMatch(p -> p.toString().endsWith(".incomplete"));
        assertThat(repoDir().resolve("refs/main")).hasContent(hub.commit);
    }

    private HubOptions options() {
        return new HubOptions(cache, hub.endpoint(), null, Duration.ofSeconds(5), Duration.ofSeconds(10),
                HubOptions.DEFAULT_MAX_FILE_BYTES, false);
    }

    private Path repoDir() {
        return cache.resolve("hub").resolve("models--test-org--git-tiny");
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
