package io.gitplatform.spi;

import java.util.List;
import java.util.Objects;

/**
 * The backend the configuration selects, and how to set it up.
 *
 * @param id      the backend's id ({@code cpu}, {@code gpu})
 * @param device  the device index (GPU number; ignored on CPU)
 * @param dtype   {@code float32}, {@code float16}, {@code bfloat16} (the short names {@code fp32}, {@code fp16},
 *                {@code half} and {@code bf16} are read as these); null for the backend's default
 * @param threads intra-op threads; 0 for the engine's default
 */
public record BackendSettings(String id, int device, String dtype, int threads) {
    public BackendSettings {
        Objects.requireNonNull(id, "id");
        dtype = dtype == null || dtype.isBlank() ? null : canonicalDtype(dtype);
        if (device < 0) {
            throw new IllegalArgumentException("device index must be 0 or more, got " + device);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (engine default) or positive, got " + threads);
        }
    }

    /**
     * The configured dtype, or the first of {@code supported} (the backend's default) when none is configured.
     *
     * @throws IllegalArgumentException when the configured dtype is not among {@code supported}
     */
    public String dtypeAmong(List<String> supported) {
        if (dtype == null) {
            return supported.get(0);
        }
        if (!supported.contains(dtype)) {
            throw new IllegalArgumentException("backend '" + id + "' runs " + supported + ", not '" + dtype + "'");
        }
        return dtype;
    }

    private static String canonicalDtype(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "fp32", "float" -> "float32";
            case "fp16", "half" -> "float16";
            case "bf16" -> "bfloat16";
            default -> n;
        };
    }

    /** The CPU backend with its defaults. */
    public static BackendSettings cpu() {
        return new BackendSettings("cpu", 0, null, 0);
    }
}
