package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.testing.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloads from a local hub: verified, cached in huggingface_hub's layout, resumed, refused when wrong. */
class HubDownloaderTest {
    /** In the order they are fetched: the weights last, so their presence means a complete snapshot. */
    private static final List<String> DOWNLOADED = List.of("preprocessor_config.json", "generation_config.json",
            "tokenizer.json", "config.json", "model.safetensors");

    @TempDir
    Path cache;
    FakeHub hub;

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub(SharedFixtures.tinyShapes());
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void aFreshDownloadIsVerifiedCachedAndThenReusedWithoutFileRequests() throws IOException {
        ModelFolder folder = new ModelResolver(options()).resolve("hub:test-org/git-tiny", null);

        assertThat(folder.path()).isEqualTo(snapshot());
        assertThat(folder.name()).isEqualTo("test-org/git-tiny");
        assertThat(folder.source()).isEqualTo("hub:test-org/git-tiny@" + hub.commit);
        assertThat(folder.config().hidden_size()).isPositive();
        for (String f : DOWNLOADED) {
            assertThat(snapshot().resolve(f)).hasBinaryContent(hub.files.get(f));
        }
        assertThat(snapshot().resolve("README.md")).doesNotExist();
        assertThat(repoDir().resolve("refs/main")).hasContent(hub.commit);
        assertThat(incompleteFiles()).isEmpty();
        assertThat(hub.fileRequests()).isEqualTo(DOWNLOADED.size() + 1); // + the CDN hop for the LFS file

        long apiRequests = hub.requests().size() - hub.fileRequests();
        assertThat(new ModelResolver(options()).resolve("test-org/git-tiny", "main").path()).isEqualTo(snapshot());
        assertThat(hub.fileRequests()).isEqualTo(DOWNLOADED.size() + 1);
        assertThat(hub.requests().size() - hub.fileRequests()).isEqualTo(apiRequests + 1);

        int before = hub.requests().size();
        assertThat(new ModelResolver(options().withOffline(true)).resolve("hub:test-org/git-tiny@main", null).path())
                .isEqualTo(snapshot());
        assertThat(new ModelResolver(options()).resolve("hub:test-org/git-tiny@" + hub.commit, null).source())
                .isEqualTo(folder.source());
        assertThat(hub.requests()).hasSize(before); // offline, and a cached commit id, need no request
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.safetensors", "config.json"})
    void aCorruptedFileIsRejectedAndNotCached(String file) {
        byte[] bad = hub.files.get(file).clone();
        bad[bad.length / 2] ^= 1;
        hub.served.put(file, bad);

        assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class)
                .hasMessageContaining(file).hasMessageContaining("checksum")
                .hasMessageContaining(file.equals(FakeHub.LFS_FILE) ? "sha256" : "git blob sha1")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.INTEGRITY);
        assertThat(snapshot().resolve(file)).doesNotExist();
        assertThat(incompleteFiles()).isEmpty();
        assertThat(repoDir().resolve("refs/main")).doesNotExist();

        hub.served.clear();
        HubSnapshot snapshot = download(options());
        assertThat(snapshot.dir().resolve(file)).hasBinaryContent(hub.files.get(file));
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws IOException {
        hub.cutNext.add(FakeHub.LFS_FILE);
        long size = hub.files.get(FakeHub.LFS_FILE).length;

        assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class)
                .hasMessageContaining(FakeHub.LFS_FILE).hasMessageContaining("resumes")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.UNAVAILABLE);
        assertThat(snapshot().resolve(FakeHub.LFS_FILE)).doesNotExist();
        List<Path> partial = incompleteFiles();
        assertThat(partial).hasSize(1);
        long kept = Files.size(partial.get(0));
        assertThat(kept).isPositive().isLessThanOrEqualTo(size / 2);

        List<long[]> updates = new ArrayList<>();
        int before = hub.requests().size();
        new HubDownloader(options(), (f, done, total) -> updates.add(new long[] {done, total}))
                .download(FakeHub.REPO, "main");

        FakeHub.Request resumed = hub.requests().subList(before, hub.requests().size()).stream()
                .filter(FakeHub.Request::cdn).findFirst().orElseThrow();
        assertThat(resumed.range()).isEqualTo("bytes=" + kept + "-");
        assertThat(resumed.bytesSent()).isEqualTo(size - kept);
        assertThat(updates.get(0)).containsExactly(kept, size);
        assertThat(snapshot().resolve(FakeHub.LFS_FILE)).hasBinaryContent(hub.files.get(FakeHub.LFS_FILE));
        assertThat(incompleteFiles()).isEmpty();
    }

    @Test
    void aServerThatIgnoresRangeSendsEverythingAgain() {
        hub.cutNext.add(FakeHub.LFS_FILE);
        hub.ignoreRange = true;
        assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class);

        download(options());

        FakeHub.Request last = hub.requests().stream().filter(FakeHub.Request::cdn).reduce((a, b) -> b).orElseThrow();
        assertThat(last.range()).startsWith("bytes=");
        assertThat(last.bytesSent()).isEqualTo(hub.files.get(FakeHub.LFS_FILE).length);
        assertThat(snapshot().resolve(FakeHub.LFS_FILE)).hasBinaryContent(hub.files.get(FakeHub.LFS_FILE));
    }

    @Test
    void aStalledServerTimesOutAndTheNextAttemptResumes() {
        hub.stallNext.add(FakeHub.LFS_FILE);
        HubOptions impatient = options().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));

        assertThatThrownBy(() -> download(impatient)).isInstanceOf(HubException.class)
                .hasMessageContaining(FakeHub.LFS_FILE).hasMessageContaining("no data for 1 s");
        assertThat(incompleteFiles()).hasSize(1);

        download(impatient);
        assertThat(snapshot().resolve(FakeHub.LFS_FILE)).hasBinaryContent(hub.files.get(FakeHub.LFS_FILE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sized", "chunked"})
    void aSizeThatDiffersFromTheListingIsRejected(String body) {
        hub.chunked = body.equals("chunked");
        for (int delta : new int[] {+10, -10}) {
            hub.listedSize.put("config.json", (long) hub.files.get("config.json").length + delta);
            assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class)
                    .hasMessageContaining("config.json").hasMessageContaining("size mismatch")
                    .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.INTEGRITY);
            assertThat(snapshot().resolve("config.json")).doesNotExist();
            assertThat(incompleteFiles()).isEmpty();
        }
        hub.listedSize.clear();
        assertThat(download(options()).dir().resolve("config.json")).hasBinaryContent(hub.files.get("config.json"));
    }

    @Test
    void unknownReposAndRevisionsAreNamed() {
        HubDownloader downloader = new HubDownloader(options());
        assertThatThrownBy(() -> downloader.download(RepoId.parse("other/missing"), "main"))
                .isInstanceOf(HubException.class).hasMessageContaining("other/missing")
                .hasMessageContaining("not found").hasMessageContaining("check the repo id")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> downloader.download(FakeHub.REPO, "v9"))
                .isInstanceOf(HubException.class).hasMessageContaining("test-org/git-tiny at revision 'v9'")
                .hasMessageContaining("RevisionNotFound").hasMessageContaining("check the revision");
        assertThat(hub.fileRequests()).isZero();
    }

    @Test
    void aGatedRepoNeedsATokenWhichGoesToTheHubOnlyAndIsNeverShown() {
        String token = "hf_secretTokenValue123";
        hub.token = token;
        PrintStream stderr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        List<Throwable> errors = new ArrayList<>();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class)
                    .hasMessageContaining("test-org/git-tiny").hasMessageContaining("needs a token")
                    .hasMessageContaining("HF_TOKEN").satisfies(errors::add)
                    .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.ACCESS_DENIED);
            assertThatThrownBy(() -> download(options().withToken("hf_wrong" + token)))
                    .isInstanceOf(HubException.class).hasMessageContaining("rejected the token").satisfies(errors::add);
            hub.cutNext.add(FakeHub.LFS_FILE);
            assertThatThrownBy(() -> download(options().withToken(token))).satisfies(errors::add);

            download(options().withToken(token));
        } finally {
            System.setErr(stderr);
        }

        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("Downloading").doesNotContain(token);
        for (Throwable e : errors) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
            }
        }
        assertThat(options().withToken(token).toString()).doesNotContain(token);
        List<FakeHub.Request> withToken = hub.requests().stream()
                .filter(r -> ("Bearer " + token).equals(r.authorization())).toList();
        assertThat(withToken).isNotEmpty().noneMatch(FakeHub.Request::cdn);
        assertThat(hub.requests()).filteredOn(FakeHub.Request::cdn).isNotEmpty()
                .allMatch(r -> r.authorization() == null);
        assertThat(snapshot().resolve(FakeHub.LFS_FILE)).hasBinaryContent(hub.files.get(FakeHub.LFS_FILE));
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhatIsMissingAndWhere() {
        assertThatThrownBy(() -> download(options().withOffline(true))).isInstanceOf(HubException.class)
                .hasMessageContaining("test-org/git-tiny@main").hasMessageContaining(repoDir().toString())
                .hasMessageContaining("offline")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.NOT_CACHED);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void environmentOfflineModeIsHonoured() {
        HubOptions fromEnv = HubOptions.fromEnvironment(Map.of("HF_HUB_OFFLINE", "1"))
                .withCacheRoot(cache).withEndpoint(hub.endpoint());
        assertThatThrownBy(() -> download(fromEnv)).hasMessageContaining("offline");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void anUnreachableHubFallsBackToTheCache() {
        download(options());
        hub.close();
        assertThat(download(options()).dir()).isEqualTo(snapshot());

        HubOptions elsewhere = options().withCacheRoot(cache.resolve("empty"));
        assertThatThrownBy(() -> download(elsewhere)).isInstanceOf(HubException.class)
                .hasMessageContaining("cannot fetch test-org/git-tiny at revision 'main'")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.UNAVAILABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "a/../../b", "..", "dir//x", "a\\..\\b", "C:/x",
            "x\u0000y"})
    void unsafeFileNamesInTheListingAreRejected(String name) {
        hub.extraSiblings.add(name);
        assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class)
                .hasMessageContaining("unsafe file name")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.BAD_RESPONSE);
        assertThat(hub.fileRequests()).isZero();
        assertThat(cache.resolve("hub")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../tmp/x", "abc", "ABCDEF0123456789ABCDEF0123456789ABCDEF01"})
    void aMalformedCommitIdFromTheHubIsRejected(String commit) {
        hub.listedCommit = commit;
        assertThatThrownBy(() -> download(options())).isInstanceOf(HubException.class)
                .hasMessageContaining("commit id");
        assertThat(cache.resolve("hub")).doesNotExist();
    }

    @Test
    void filesOverTheSizeLimitAreRefusedBeforeDownloading() {
        assertThatThrownBy(() -> download(options().withMaxFileBytes(1_000_000))).isInstanceOf(HubException.class)
                .hasMessageContaining(FakeHub.LFS_FILE).hasMessageContaining("1000000")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.TOO_LARGE);
        assertThat(hub.fileRequests()).isZero();
    }

    @Test
    void progressCountsGrowToEachFilesTotal() {
        Map<String, List<long[]>> updates = new LinkedHashMap<>();
        new HubDownloader(options(), (f, done, total) -> updates.computeIfAbsent(f, k -> new ArrayList<>())
                .add(new long[] {done, total})).download(FakeHub.REPO, "main");

        assertThat(updates.keySet()).containsExactlyElementsOf(DOWNLOADED);
        updates.forEach((file, list) -> {
            long size = hub.files.get(file).length;
            assertThat(list).allMatch(u -> u[1] == size);
            assertThat(list.get(0)[0]).isZero();
            assertThat(list.get(list.size() - 1)[0]).isEqualTo(size);
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)[0]).isGreaterThan(list.get(i - 1)[0]);
            }
        });
        assertThat(updates.get(FakeHub.LFS_FILE)).hasSizeGreaterThan(2);
    }

    @Test
    void concurrentDownloadsOfOneModelFetchEachFileOnce() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HubSnapshot>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return download(options());
                }));
            }
            go.countDown();
            for (Future<HubSnapshot> r : results) {
                assertThat(r.get().dir()).isEqualTo(snapshot());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.fileRequests()).isEqualTo(DOWNLOADED.size() + 1);
        for (String f : DOWNLOADED) {
            assertThat(snapshot().resolve(f)).hasBinaryContent(hub.files.get(f));
        }
    }

    private HubOptions options() {
        return new HubOptions(cache, hub.endpoint(), null, Duration.ofSeconds(5), Duration.ofSeconds(10),
                HubOptions.DEFAULT_MAX_FILE_BYTES, false);
    }

    private HubSnapshot download(HubOptions options) {
        return new HubDownloader(options).download(FakeHub.REPO, "main");
    }

    private Path repoDir() {
        return cache.resolve("hub").resolve("models--test-org--git-tiny");
    }

    private Path snapshot() {
        return repoDir().resolve("snapshots").resolve(hub.commit);
    }

    private List<Path> incompleteFiles() {
        Path blobs = repoDir().resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(blobs)) {
            return s.filter(p -> p.toString().endsWith(".incomplete")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
