package io.gitplatform.core.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's HTTP API: a revision's commit and files, and a file's bytes (resuming a partial download with a Range
 * request). Redirects are followed here rather than by HttpClient, which would forward the Authorization header to
 * whatever host the hub redirects to (its CDN, for LFS files): the token goes to the endpoint's origin only.
 */
public final class HubClient {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 10;
    /** A revision's file list; big repos list thousands of files, still far below this. */
    private static final int MAX_API_BYTES = 32 << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final String USER_AGENT = "git-platform/0.1 (java " + Runtime.version().feature() + ")";

    private final HubOptions options;
    private final HttpClient http;

    public HubClient(HubOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code GET {endpoint}/api/models/{repo}/revision/{revision}?blobs=true}: the commit and its files. */
    public RepoRevision revision(RepoId repo, String revision) {
        Revisions.check(revision);
        String what = repo + " at revision '" + revision + "'";
        URI uri = URI.create(options.endpoint() + "/api/models/" + repo + "/revision/" + encode(revision)
                + "?blobs=true");
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = get(uri, null, what);
        if (response.statusCode() != 200) {
            TimedBody.discard(response.body());
            throw failure(response, what);
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TimedBody body = TimedBody.subscribe(response.body(), options.readTimeout());
        try {
            for (List<ByteBuffer> buffers; (buffers = next(body, what, json.size(), -1)) != null; ) {
                for (ByteBuffer b : buffers) {
                    if (json.size() + b.remaining() > MAX_API_BYTES) {
                        throw new HubException(HubException.Kind.BAD_RESPONSE, "the hub's description of " + what
                                + " is over " + MAX_API_BYTES + " bytes");
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    json.writeBytes(chunk);
                }
            }
        } finally {
            body.cancel();
        }
        return RepoRevision.parse(repo, revision, json.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code GET {endpoint}/{repo}/resolve/{commit}/{file}} into {@code part}, resuming from its length. Bytes that
     * arrive before a network failure stay in {@code part} for the next attempt; bytes that cannot be the listed file
     * (too many, too few in a complete response) are deleted. Checksums are the caller's job.
     */
    void download(RepoId repo, String commit, RepoFile file, Path part, DownloadProgress progress) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > file.size()) {
            Files.delete(part);
            have = 0;
        }
        if (have == file.size()) {
            if (have == 0) {
                Files.write(part, new byte[0]);
            }
            return;
        }
        String what = file.name() + " of " + repo + "@" + commit;
        URI uri = URI.create(options.endpoint() + "/" + repo + "/resolve/" + commit + "/" + encodePath(file.name()));
        String range = have > 0 ? "bytes=" + have + "-" : null;
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = get(uri, range, what);
        int status = response.statusCode();
        if (status == 416 && have > 0) {
            // The partial file does not fit what the server holds now: start over.
            TimedBody.discard(response.body());
            Files.delete(part);
            download(repo, commit, file, part, progress);
            return;
        }
        long start;
        if (status == 206 && have > 0) {
            start = rangeStart(response.headers(), file, what);
            if (start != have) {
                TimedBody.discard(response.body());
                Files.delete(part);
                throw new HubException(HubException.Kind.BAD_RESPONSE, what + ": asked for the bytes from " + have
                        + " but the server sent them from " + start + "; the partial download was deleted");
            }
        } else if (status == 200) {
            start = 0; // the whole file, also from a server that ignores Range: start over
        } else {
            TimedBody.discard(response.body());
            throw failure(response, what);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(file.size() - start);
        if (length != file.size() - start) {
            TimedBody.discard(response.body());
            Files.deleteIfExists(part);
            throw new HubException(HubException.Kind.INTEGRITY, what + ": the server sends " + (start + length)
                    + " bytes but the hub lists " + file.size() + " (size mismatch); nothing was kept");
        }
        if (!copy(response, start, file, part, what, progress)) {
            Files.deleteIfExists(part);
            throw new HubException(HubException.Kind.INTEGRITY, what + ": the server's bytes do not add up to the "
                    + file.size() + " the hub lists (size mismatch); nothing was kept");
        }
    }

    /** Writes the body after the first {@code start} bytes of {@code part}; false if it is not exactly the rest. */
    private boolean copy(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, long start, RepoFile file, Path part,
            String what, DownloadProgress progress) throws IOException {
        TimedBody body = TimedBody.subscribe(response.body(), options.readTimeout());
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(start).position(start);
            long done = start;
            progress.update(file.name(), done, file.size());
            for (List<ByteBuffer> buffers; (buffers = next(body, what, done, file.size())) != null; ) {
                for (ByteBuffer b : buffers) {
                    if (done + b.remaining() > file.size()) {
                        return false;
                    }
                    done += b.remaining();
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
                progress.update(file.name(), done, file.size());
            }
            return done == file.size();
        } finally {
            body.cancel(); // frees the connection if we stopped early (a no-op after the end)
        }
    }

    /** The next piece of a body; a failure keeps what arrived so far (the caller's partial file), for a resume. */
    private static List<ByteBuffer> next(TimedBody body, String what, long done, long total) {
        try {
            List<ByteBuffer> buffers = body.next();
            while (buffers != null && buffers.stream().noneMatch(ByteBuffer::hasRemaining)) {
                buffers = body.next();
            }
            return buffers;
        } catch (IOException e) {
            throw new HubException(HubException.Kind.UNAVAILABLE, "download of " + what + " stopped after " + done
                    + (total >= 0 ? " of " + total : "") + " bytes (" + e + ")"
                    + (total >= 0 ? "; the partial file is kept and the next attempt resumes it" : ""), e);
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> get(URI uri, String range, String what) {
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.readTimeout())
                    .header("User-Agent", USER_AGENT);
            if (options.token() != null && sameOrigin(uri, options.endpoint())) {
                request.header("Authorization", "Bearer " + options.token());
            }
            if (range != null) {
                request.header("Range", range);
            }
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
            } catch (IOException e) {
                throw new HubException(HubException.Kind.UNAVAILABLE, "cannot fetch " + what + " from "
                        + withoutQuery(uri) + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException(HubException.Kind.UNAVAILABLE, "interrupted while fetching " + what, e);
            }
            if (!REDIRECTS.contains(response.statusCode())) {
                return response;
            }
            TimedBody.discard(response.body());
            uri = redirect(uri, response, hop, what);
        }
    }

    private static URI redirect(URI from, HttpResponse<?> response, int hop, String what) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (hop == MAX_REDIRECTS || location == null) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, what + ": " + (location == null
                    ? "a redirect without a Location from " + withoutQuery(from)
                    : "more than " + MAX_REDIRECTS + " redirects"));
        }
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, what + ": a malformed redirect from "
                    + withoutQuery(from));
        }
        if (!"http".equals(to.getScheme()) && !"https".equals(to.getScheme())
                || "https".equals(from.getScheme()) && !"https".equals(to.getScheme())) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, what + ": refusing a redirect from "
                    + withoutQuery(from) + " to a " + to.getScheme() + " URL");
        }
        return to;
    }

    private HubException failure(HttpResponse<?> response, String what) {
        int status = response.statusCode();
        HttpHeaders h = response.headers();
        String code = h.firstValue("X-Error-Code").orElse("");
        String why = h.firstValue("X-Error-Message").map(m -> ": " + Printable.of(m)).orElse("");
        String where = " (HTTP " + status + (code.isEmpty() ? "" : " " + Printable.of(code)) + " from "
                + withoutQuery(response.uri()) + why + ")";
        return switch (status) {
            case 401 -> new HubException(HubException.Kind.ACCESS_DENIED, options.token() == null
                    ? what + " needs a token: the repo is gated or private (or does not exist)" + where
                            + "; set HF_TOKEN or the hub token option to a token that can read it"
                    : what + ": the hub rejected the token" + where
                            + "; check that it is valid and can read this repo");
            case 403 -> new HubException(HubException.Kind.ACCESS_DENIED, what + ": access denied" + where
                    + "; accept the model's conditions on its hub page with the token's account, or use a token with"
                    + " access");
            case 404 -> new HubException(HubException.Kind.NOT_FOUND, what + " was not found" + where
                    + ("RevisionNotFound".equals(code) ? "; check the revision"
                            : "EntryNotFound".equals(code) ? "" : "; check the repo id and revision"));
            case 429 -> new HubException(HubException.Kind.UNAVAILABLE, what + ": rate limited by the hub" + where
                    + "; try again later, or with a token");
            default -> new HubException(status >= 500 ? HubException.Kind.UNAVAILABLE : HubException.Kind.BAD_RESPONSE,
                    what + ": unexpected answer" + where);
        };
    }

    private static long rangeStart(HttpHeaders headers, RepoFile file, String what) {
        Matcher m = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
        if (!m.matches() || Long.parseLong(m.group(2)) != file.size() - 1
                || Long.parseLong(m.group(3)) != file.size()) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, what + ": a partial response whose Content-Range '"
                    + Printable.of(headers.firstValue("Content-Range").orElse("")) + "' does not end the "
                    + file.size() + "-byte file");
        }
        return Long.parseLong(m.group(1));
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Signed CDN URLs carry credentials of their own in the query: messages show the rest. */
    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            out.append(out.length() == 0 ? "" : "/").append(encode(segment));
        }
        return out.toString();
    }

    /** Percent-encodes all but RFC 3986's unreserved characters (a revision's '/' too, as huggingface_hub does). */
    private static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
