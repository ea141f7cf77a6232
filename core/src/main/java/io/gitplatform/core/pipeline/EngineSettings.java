package io.gitplatform.core.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how the model's tensors live: chosen by a backend (CPU or GPU; float32, float16 or bfloat16; intra-op
 * threads). {@code DataType.BFLOAT16} here only names the choice: the model never hands it to DJL, whose JNI aborts on
 * it (see {@code model.Bf16}).
 *
 * @param threads intra-op threads for the engine, 0 for the engine's default
 */
public record EngineSettings(Device device, DataType dtype, int threads) {
    public EngineSettings {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16 && dtype != DataType.BFLOAT16) {
            throw new IllegalArgumentException("dtype must be float32, float16 or bfloat16, got " + dtype);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (engine default) or positive, got " + threads);
        }
    }

    /**
     * Where a backend placed the model, in DJL's terms. On the CPU, {@code auto} and {@code bfloat16} are resolved
     * against the CPU's instructions ({@link CpuDtype}), and the choice is logged with its reason.
     */
    public static EngineSettings of(io.gitplatform.spi.EnginePlacement placement) {
        return of(placement, Long.MAX_VALUE);
    }

    /** {@link #of(io.gitplatform.spi.EnginePlacement)} for a checkpoint of {@code weightBytes} ({@link CpuDtype}). */
    public static EngineSettings of(io.gitplatform.spi.EnginePlacement placement, long weightBytes) {
        if (placement.device().equals("gpu")) {
            return new EngineSettings(Device.gpu(placement.deviceIndex()), parseDtype(placement.dtype()),
                    placement.threads());
        }
        CpuDtype dtype = CpuDtype.resolve(placement.dtype(), weightBytes);
        Logger log = LoggerFactory.getLogger(EngineSettings.class);
        if (dtype.fellBack()) {
            log.warn(dtype.reason());
        } else {
            log.info(dtype.reason());
        }
        return new EngineSettings(Device.cpu(), dtype.dtype(), placement.threads());
    }

    public static EngineSettings cpu() {
        return new EngineSettings(Device.cpu(), DataType.FLOAT32, 0);
    }

    /** Parses {@code float32}/{@code fp32}, {@code float16}/{@code fp16}/{@code half}, {@code bfloat16}/{@code bf16}. */
    public static DataType parseDtype(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "fp32", "float" -> DataType.FLOAT32;
            case "float16", "fp16", "half" -> DataType.FLOAT16;
            case "bfloat16", "bf16" -> DataType.BFLOAT16;
            default -> throw new IllegalArgumentException("unknown dtype '" + name
                    + "' (float32, float16, bfloat16 or auto)");
        };
    }

    /** The lower-case name used in settings and output: {@code float32}, {@code float16} or {@code bfloat16}. */
    public static String name(DataType dtype) {
        return dtype.name().toLowerCase(java.util.Locale.ROOT);
    }
}
