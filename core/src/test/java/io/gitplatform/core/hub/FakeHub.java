package io.gitplatform.core.hub;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * huggingface.co in miniature, on 127.0.0.1: one repo with the revision API and resolve URLs, and a second origin
 * playing the CDN that LFS files redirect to. Tests switch on misbehaviours (corrupt bytes, cut connections, stalls,
 * a gate).
 */
final class FakeHub implements AutoCloseable {
    static final RepoId REPO = RepoId.parse("test-org/git-tiny");
    static final String LFS_FILE = "model.safetensors";

    /** One request as a server saw it. */
    record Request(boolean cdn, String path, String range, String authorization, long bytesSent) {
        boolean isFile() {
            return cdn || path.contains("/resolve/");
        }
    }

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    final Map<String, byte[]> files = new LinkedHashMap<>();
    final String commit;
    /** What the listing says; tests edit these to lie. */
    String listedCommit;
    final Map<String, Long> listedSize = new ConcurrentHashMap<>();
    final List<String> extraSiblings = Collections.synchronizedList(new ArrayList<>());
    /** What the servers send instead of a file's bytes. */
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** Files whose next download sends half the bytes, then closes the connection (or stalls, for {@link #stall}). */
    final Set<String> cutNext = ConcurrentHashMap.newKeySet();
    final Set<String> stallNext = ConcurrentHashMap.newKeySet();
    volatile boolean ignoreRange;
    /** Send bodies chunked, without a Content-Length, as some CDNs do. */
    volatile boolean chunked;
    /** The gate: the bearer token the hub requires, or null. */
    volatile String token;

    FakeHub(Path modelDir) throws IOException {
        for (String f : List.of("config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                LFS_FILE)) {
            files.put(f, Files.readAllBytes(modelDir.resolve(f)));
        }
        files.put("README.md", "# git-tiny\n".getBytes(StandardCharsets.UTF_8));
        commit = hex(digest("SHA-1", "commit of " + modelDir));
        listedCommit = commit;
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        hub = HttpServer.create(local, 0);
        cdn = HttpServer.create(local, 0);
        hub.createContext("/", ex -> handle(ex, false));
        cdn.createContext("/", ex -> handle(ex, true));
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.start();
        cdn.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    long fileRequests() {
        return requests().stream().filter(Request::isFile).count();
    }

    static String sha256(byte[] data) {
        return hex(digest("SHA-256", data));
    }

    static String gitBlobId(byte[] data) {
        byte[] header = ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + data.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(data, 0, all, header.length, data.length);
        return hex(digest("SHA-1", all));
    }

    @Override
    public void close() {
        closing.countDown();
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex, boolean fromCdn) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        long sent = 0;
        try {
            if (fromCdn) {
                String sha = path.substring(path.lastIndexOf('/') + 1);
                String file = files.keySet().stream().filter(f -> sha256(files.get(f)).equals(sha)).findFirst()
                        .orElse(null);
                sent = file == null ? status(ex, 404, null) : sendFile(ex, file);
            } else if (token != null && !("Bearer " + token).equals(auth)) {
                sent = status(ex, 401, "GatedRepo");
            } else {
                sent = route(ex, path);
            }
        } finally {
            requests.add(new Request(fromCdn, path, range, auth, sent));
        }
    }

    private long route(HttpExchange ex, String path) throws IOException {
        String api = "/api/models/" + REPO + "/revision/";
        String resolve = "/" + REPO + "/resolve/" + commit + "/";
        if (path.startsWith(api)) {
            String revision = URLDecoder.decode(path.substring(api.length()), StandardCharsets.UTF_8);
            if (!revision.equals("main") && !revision.equals(commit)) {
                return status(ex, 404, "RevisionNotFound");
            }
            byte[] json = listing().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, json.length);
            ex.getResponseBody().write(json);
            ex.close();
            return json.length;
        }
        if (path.startsWith(resolve) && files.containsKey(path.substring(resolve.length()))) {
            String file = path.substring(resolve.length());
            if (file.equals(LFS_FILE)) {
                // As the hub does: LFS content lives on a CDN, behind a signed URL.
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + cdn.getAddress().getPort()
                        + "/repos/ab/cd/" + sha256(files.get(file)) + "?X-Amz-Signature=signed");
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return 0;
            }
            return sendFile(ex, file);
        }
        return status(ex, 404, path.startsWith("/api/models/" + REPO + "/") || path.startsWith("/" + REPO + "/")
                ? "EntryNotFound" : "RepoNotFound");
    }

    private String listing() {
        List<Map<String, Object>> siblings = new ArrayList<>();
        files.forEach((name, data) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("rfilename", name);
            long size = listedSize.getOrDefault(name, (long) data.length);
            s.put("size", size);
            if (name.equals(LFS_FILE)) {
                String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(data) + "\nsize "
                        + data.length + "\n";
                s.put("blobId", gitBlobId(pointer.getBytes(StandardCharsets.UTF_8)));
                s.put("lfs", Map.of("sha256", sha256(data), "size", size, "pointerSize", pointer.length()));
            } else {
                s.put("blobId", gitBlobId(data));
            }
            siblings.add(s);
        });
        extraSiblings.forEach(name -> siblings.add(Map.of("rfilename", name, "size", 3, "blobId",
                gitBlobId(new byte[3]))));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", REPO.toString());
        root.put("sha", listedCommit);
        root.put("siblings", siblings);
        return new Gson().toJson(root);
    }

    /** Serves a file with Range support (unless told to ignore it), and the configured misbehaviour. */
    private long sendFile(HttpExchange ex, String file) throws IOException {
        byte[] data = served.getOrDefault(file, files.get(file));
        String range = ignoreRange ? null : ex.getRequestHeaders().getFirst("Range");
        int start = range == null ? 0 : Integer.parseInt(range.replaceFirst("^bytes=(\\d+)-$", "$1"));
        if (start >= data.length && data.length > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes */" + data.length);
            return status(ex, 416, null);
        }
        int count = data.length - start;
        if (start > 0) {
            ex.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
        }
        ex.sendResponseHeaders(start > 0 ? 206 : 200, chunked ? 0 : count == 0 ? -1 : count);
        boolean cut = cutNext.remove(file);
        boolean stall = stallNext.remove(file);
        int sent = cut || stall ? count / 2 : count;
        OutputStream body = ex.getResponseBody();
        body.write(data, start, sent);
        body.flush();
        if (stall) {
            await();
        }
        ex.close(); // with bytes missing, this closes the connection: the cut the test asked for
        return sent;
    }

    private void await() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long status(HttpExchange ex, int status, String errorCode) throws IOException {
        if (errorCode != null) {
            ex.getResponseHeaders().add("X-Error-Code", errorCode);
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
        return 0;
    }

    private static byte[] digest(String algorithm, String text) {
        return digest(algorithm, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
