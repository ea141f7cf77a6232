package io.gitplatform.app.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an http(s) URL lies inside one of the allowed prefixes, judged on the parsed URL rather than its text: the
 * same scheme, host and port, no user info, and a normalised path inside the prefix's path at a segment boundary. A
 * plain {@code startsWith} lets {@code http://cdn:80@127.0.0.1:8080/}, {@code http://cdn/images/../secret} or
 * {@code http://cdn/images-private/} through for the prefix {@code http://cdn/images}.
 */
public final class AllowedUrls {
    private static final Set<String> WEB = Set.of("http", "https");
    /** Live streams: HLS and DASH over http(s), RTSP, RTMP. */
    private static final Set<String> STREAMS = Set.of("http", "https", "rtsp", "rtmp", "rtmps");

    private AllowedUrls() {
    }

    /** The URL to fetch (normalised), if it is an http(s) URL inside one of {@code prefixes}. */
    static Optional<URI> check(String url, List<String> prefixes) {
        return check(url, prefixes, WEB);
    }

    /** The stream URL to read (normalised), if it is inside one of {@code prefixes}, judged as {@link #check} does. */
    public static Optional<URI> checkStream(String url, List<String> prefixes) {
        return check(url, prefixes, STREAMS);
    }

    private static Optional<URI> check(String url, List<String> prefixes, Set<String> schemes) {
        URI uri = parse(url, schemes);
        if (uri == null || uri.getRawUserInfo() != null || hasEncodedSeparators(uri.getRawPath())) {
            return Optional.empty();
        }
        return prefixes.stream().map(p -> parse(p, schemes))
                .filter(prefix -> prefix != null && inside(uri, prefix)).findFirst().map(prefix -> uri);
    }

    private static boolean inside(URI uri, URI prefix) {
        if (!uri.getScheme().equalsIgnoreCase(prefix.getScheme()) || !uri.getHost().equalsIgnoreCase(prefix.getHost())
                || port(uri) != port(prefix)) {
            return false;
        }
        String base = path(prefix);
        String path = path(uri);
        if (path.equals("/..") || path.startsWith("/../")) {
            return false; // dot segments that normalisation could not resolve climb above the root
        }
        return base.endsWith("/") ? path.startsWith(base) : path.equals(base) || path.startsWith(base + "/");
    }

    private static URI parse(String url, Set<String> schemes) {
        try {
            URI uri = new URI(url).normalize();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return schemes.contains(scheme) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Percent-encoded dots, slashes and backslashes, which a server may decode into a path of its own choosing. */
    private static boolean hasEncodedSeparators(String rawPath) {
        String p = rawPath == null ? "" : rawPath.toLowerCase(Locale.ROOT);
        return p.contains("%2e") || p.contains("%2f") || p.contains("%5c");
    }

    private static String path(URI uri) {
        String p = uri.getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "https", "rtmps" -> 443;
            case "rtsp" -> 554;
            case "rtmp" -> 1935;
            default -> 80;
        };
    }
}
