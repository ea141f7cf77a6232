package io.gitplatform.app.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the API ({@code git.security.*}). Keys come from YAML or the environment ({@code GIT_SECURITY_API_KEY},
 * {@code GIT_SECURITY_ADMIN_KEY}); they are never logged and are masked in the configuration dump.
 *
 * @param apiKey              when set, {@code /api/**} and {@code /v1/**} need it (Authorization: Bearer or
 *                            X-API-Key)
 * @param adminKey            needed for {@code /api/v1/admin/**}; with none set the admin endpoints are closed
 * @param corsAllowedOrigins  origins allowed to call the API from a browser; empty keeps CORS closed
 * @param allowedImageUrlPrefixes remote image URLs the chat endpoint may fetch (e.g. {@code https://images.example/});
 *                            empty refuses every http(s) URL, so the server cannot be made to request anything
 * @param allowedStreamUrlPrefixes live stream URLs a timeline may read ({@code url} field: HLS/DASH over http(s),
 *                            {@code rtsp://}, {@code rtmp://}), judged as the image URLs are; empty refuses them all.
 *                            Separate from the image list: a stream holds a connection and the model for as long as
 *                            it runs, a different cost to opt in to
 */
@ConfigurationProperties("git.security")
public record ApiSecurityProperties(
        String apiKey,
        String adminKey,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue List<String> allowedImageUrlPrefixes,
        @DefaultValue List<String> allowedStreamUrlPrefixes) {

    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }

    public boolean adminKeySet() {
        return adminKey != null && !adminKey.isBlank();
    }

    /** Masks the keys, so that no log line or error message ever carries them. */
    @Override
    public String toString() {
        return "ApiSecurityProperties[apiKey=" + (apiKeyRequired() ? "******" : "(not set)") + ", adminKey="
                + (adminKeySet() ? "******" : "(not set)") + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", allowedImageUrlPrefixes=" + allowedImageUrlPrefixes + ", allowedStreamUrlPrefixes="
                + allowedStreamUrlPrefixes + "]";
    }
}
