package io.gitplatform.core.hub;

import io.gitplatform.core.pipeline.EmbeddedModel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How models are fetched: where from, with which token, within which limits, and whether the network may be used at
 * all. Immutable; {@code withX} returns a copy.
 *
 * @param cacheRoot      the cache root; hub models live under {@code {cacheRoot}/hub}
 * @param endpoint       the hub, or a mirror with the same API ({@code https://huggingface.co} by default)
 * @param token          a Hugging Face access token for gated or private repos, or null; sent only to the endpoint's
 *                       own origin, never to the hosts it redirects to, and never logged
 * @param connectTimeout time to open a connection
 * @param readTimeout    longest wait for the response headers, and for each piece of a body after that
 * @param maxFileBytes   the largest file accepted; a bigger one is refused before it is downloaded
 * @param offline        use only the cache, never the network
 */
public record HubOptions(Path cacheRoot, URI endpoint, String token, Duration connectTimeout, Duration readTimeout,
        long maxFileBytes, boolean offline) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** git-large's checkpoint is 1.6 GB; 8 GiB leaves room for any GIT while stopping a runaway download. */
    public static final long DEFAULT_MAX_FILE_BYTES = 8L << 30;
    /** The values huggingface_hub accepts as true for its boolean environment variables. */
    private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

    public HubOptions {
        if (cacheRoot == null) {
            throw new IllegalArgumentException("the cache root is required");
        }
        endpoint = endpoint(endpoint);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // Checked here so that the HTTP client's own complaint, which quotes the header value, can never happen.
            throw new IllegalArgumentException("the hub token contains characters not allowed in an HTTP header");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("hub timeouts must be positive");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
    }

    /** The defaults, from the environment as huggingface_hub reads it. */
    public static HubOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    /**
     * {@link EmbeddedModel#defaultCacheRoot()} (which reads the process environment), and from {@code env}:
     * {@code HF_ENDPOINT}, {@code HF_TOKEN} and {@code HF_HUB_OFFLINE} (1, on, yes or true turns offline mode on).
     */
    public static HubOptions fromEnvironment(Map<String, String> env) {
        String endpoint = env.get("HF_ENDPOINT");
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "");
        return new HubOptions(EmbeddedModel.defaultCacheRoot(),
                endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : URI.create(endpoint.strip()),
                env.get("HF_TOKEN"), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_FILE_BYTES,
                TRUE.contains(offline.strip().toLowerCase(Locale.ROOT)));
    }

    public HubOptions withCacheRoot(Path cacheRoot) {
        return new HubOptions(cacheRoot, endpoint, token, connectTimeout, readTimeout, maxFileBytes, offline);
    }

    public HubOptions withEndpoint(URI endpoint) {
        return new HubOptions(cacheRoot, endpoint, token, connectTimeout, readTimeout, maxFileBytes, offline);
    }

    public HubOptions withToken(String token) {
        return new HubOptions(cacheRoot, endpoint, token, connectTimeout, readTimeout, maxFileBytes, offline);
    }

    public HubOptions withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new HubOptions(cacheRoot, endpoint, token, connectTimeout, readTimeout, maxFileBytes, offline);
    }

    public HubOptions withMaxFileBytes(long maxFileBytes) {
        return new HubOptions(cacheRoot, endpoint, token, connectTimeout, readTimeout, maxFileBytes, offline);
    }

    /** This replaces what {@code HF_HUB_OFFLINE} set: pass {@code defaults().offline() || flag} to add to it. */
    public HubOptions withOffline(boolean offline) {
        return new HubOptions(cacheRoot, endpoint, token, connectTimeout, readTimeout, maxFileBytes, offline);
    }

    /** The hub's cache folder, {@code {cacheRoot}/hub}. */
    public Path hubCache() {
        return cacheRoot.resolve("hub");
    }

    @Override
    public String toString() {
        return "HubOptions[cacheRoot=" + cacheRoot + ", endpoint=" + endpoint
                + ", token=" + (token == null ? "none" : "***") + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxFileBytes=" + maxFileBytes + ", offline=" + offline + "]";
    }

    private static URI endpoint(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the hub endpoint must be an http(s) URL without query, fragment or user"
                    + " info, like " + DEFAULT_ENDPOINT + "; got "
                    + (uri == null ? "null" : Printable.of(uri.toString())));
        }
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
