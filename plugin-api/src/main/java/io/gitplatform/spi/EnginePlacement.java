package io.gitplatform.spi;

import java.util.Objects;

/**
 * Where a backend puts the model's tensors, as the platform opens the model with them.
 *
 * @param device      {@code cpu} or {@code gpu}
 * @param deviceIndex the GPU's number (0 on the CPU)
 * @param dtype       the weights' type, one of the backend's {@link InferenceBackend#dtypes()} ({@code float32},
 *                    {@code float16}, {@code bfloat16})
 * @param threads     intra-op threads the backend set, 0 for the engine's default
 */
public record EnginePlacement(String device, int deviceIndex, String dtype, int threads) {
    public EnginePlacement {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(dtype, "dtype");
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be cpu or gpu, got " + device);
        }
        if (deviceIndex < 0 || threads < 0) {
            throw new IllegalArgumentException("device index and threads must be 0 or more");
        }
    }

    public static EnginePlacement cpu(String dtype, int threads) {
        return new EnginePlacement("cpu", 0, dtype, threads);
    }
}
