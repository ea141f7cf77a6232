package io.gitplatform.core.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Where and how the model's tensors live: chosen by a backend (CPU or GPU, float32 or float16, intra-op threads).
 *
 * @param threads intra-op threads for the engine, 0 for the engine's default
 */
public record EngineSettings(Device device, DataType dtype, int threads) {
    public EngineSettings {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("dtype must be float32 or float16, got " + dtype);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (engine default) or positive, got " + threads);
        }
    }

    /** Where a backend placed the model, in DJL's terms. */
    public static EngineSettings of(io.gitplatform.spi.EnginePlacement placement) {
        Device device = placement.device().equals("gpu") ? Device.gpu(placement.deviceIndex()) : Device.cpu();
        return new EngineSettings(device, parseDtype(placement.dtype()), placement.threads());
    }

    public static EngineSettings cpu() {
        return new EngineSettings(Device.cpu(), DataType.FLOAT32, 0);
    }

    /** Parses {@code float32}, {@code fp32}, {@code float16}, {@code fp16}, {@code half}. */
    public static DataType parseDtype(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "fp32", "float" -> DataType.FLOAT32;
            case "float16", "fp16", "half" -> DataType.FLOAT16;
            case "bfloat16", "bf16" -> throw new IllegalArgumentException(
                    "bfloat16 is not supported by DJL's PyTorch engine: use float16 or float32");
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "' (float32 or float16)");
        };
    }
}
