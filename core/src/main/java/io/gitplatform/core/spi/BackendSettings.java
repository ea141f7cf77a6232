package io.gitplatform.core.spi;

import java.util.Objects;

/**
 * The backend the configuration selects, and how to set it up.
 *
 * @param id      the backend's id ({@code cpu}, {@code gpu})
 * @param device  the device index (GPU number; ignored on CPU)
 * @param dtype   {@code float32} or {@code float16}; null for the backend's default
 * @param threads intra-op threads; 0 for the engine's default
 */
public record BackendSettings(String id, int device, String dtype, int threads) {
    public BackendSettings {
        Objects.requireNonNull(id, "id");
        if (device < 0) {
            throw new IllegalArgumentException("device index must be 0 or more, got " + device);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (engine default) or positive, got " + threads);
        }
    }

    /** The CPU backend with its defaults. */
    public static BackendSettings cpu() {
        return new BackendSettings("cpu", 0, null, 0);
    }
}
