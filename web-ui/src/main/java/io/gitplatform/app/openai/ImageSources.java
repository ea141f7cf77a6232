package io.gitplatform.app.openai;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.ApiSecurityProperties;
import io.gitplatform.app.config.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The bytes behind an {@code image_url}: a base64 data URL, or an http(s) URL only when it starts with one of
 * {@code git.security.allowed-image-url-prefixes}. Anything else is refused before any connection is made, so a
 * request cannot make the server reach into its own network.
 */
@Component
class ImageSources {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private final Limits limits;
    private final ApiSecurityProperties security;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ImageSources(Limits limits, ApiSecurityProperties security) {
        this.limits = limits;
        this.security = security;
    }

    byte[] read(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badOption("an image_url part has no url");
        }
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return dataUrl(url);
        }
        if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
            URI allowed = AllowedUrls.check(url, security.allowedImageUrlPrefixes()).orElseThrow(() ->
                    new ApiException(HttpStatus.BAD_REQUEST, "Remote image URLs not allowed",
                            "send the image as a data URL (data:image/png;base64,...); this server fetches no remote"
                                    + " URL outside git.security.allowed-image-url-prefixes"));
            return fetch(allowed);
        }
        throw ApiException.badOption("an image_url must be a data URL (data:<type>;base64,<data>)");
    }

    private byte[] dataUrl(String url) {
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).toLowerCase(java.util.Locale.ROOT).endsWith(";base64")) {
            throw ApiException.badOption("a data URL must be base64: data:<type>;base64,<data>");
        }
        long decoded = (url.length() - comma - 1) * 3L / 4;
        tooLarge(decoded);
        // Line breaks and spaces are tolerated (MIME style); any other non-base64 character is an error, so a
        // damaged string is always reported as such rather than decoding to fewer (or no) bytes.
        String data = WHITESPACE.matcher(url.substring(comma + 1)).replaceAll("");
        if (data.isEmpty()) {
            throw ApiException.badOption("the data URL is not valid base64: it has no data after the comma");
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption("the data URL is not valid base64: " + e.getMessage());
        }
    }

    private byte[] fetch(URI url) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw ApiException.badOption("the image URL answered HTTP " + response.statusCode());
                }
                long cap = Math.min(Integer.MAX_VALUE - 8L, limits.maxMediaSize().toBytes() + 1);
                byte[] bytes = in.readNBytes((int) cap);
                tooLarge(bytes.length);
                return bytes;
            }
        } catch (IOException e) {
            throw ApiException.badOption("the image URL could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.badOption("interrupted while reading the image URL");
        }
    }

    private void tooLarge(long bytes) {
        if (bytes > limits.maxMediaSize().toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large", "an image of " + bytes
                    + " bytes is over the limit of " + limits.maxMediaSize().toBytes());
        }
    }
}
