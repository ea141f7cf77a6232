package io.gitplatform.core.pipeline;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dtype a CPU model loads as, resolved from the configured one ({@code auto}, {@code bfloat16}, ...) and the CPU's
 * instruction sets, with the reason in words for the log. bfloat16 pays only with native bfloat16 products
 * (AVX512-BF16 or AMX: about 5x float32's matmul rate here); without them PyTorch emulates it, slower than float32.
 *
 * @param dtype  FLOAT32, FLOAT16 or BFLOAT16
 * @param reason one line: what was asked, what was chosen and why
 */
public record CpuDtype(DataType dtype, String reason) {
    /** The {@code /proc/cpuinfo} flags that mean native bfloat16 products. */
    public static final List<String> BF16_FLAGS = List.of("avx512_bf16", "amx_bf16");
    public static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /**
     * {@code auto} keeps float32 for checkpoints smaller than this: their products are too small for bfloat16 to pay,
     * and float32 keeps their reference outputs exactly (the embedded 1.5 M-parameter model is 6 MB).
     */
    public static final long AUTO_MIN_WEIGHT_BYTES = 32L << 20;

    /** Resolves {@code configured} (null means {@code auto}) against this machine's {@code /proc/cpuinfo}. */
    public static CpuDtype resolve(String configured) {
        return resolve(configured, flags(CPUINFO), Long.MAX_VALUE);
    }

    /** {@link #resolve(String)} for a checkpoint of {@code weightBytes} (see {@link #AUTO_MIN_WEIGHT_BYTES}). */
    public static CpuDtype resolve(String configured, long weightBytes) {
        return resolve(configured, flags(CPUINFO), weightBytes);
    }

    /** Resolves {@code configured} (null means {@code auto}) for a CPU with {@code flags}. */
    public static CpuDtype resolve(String configured, Set<String> flags) {
        return resolve(configured, flags, Long.MAX_VALUE);
    }

    /** Resolves {@code configured} for a CPU with {@code flags} and a checkpoint of {@code weightBytes}. */
    public static CpuDtype resolve(String configured, Set<String> flags, long weightBytes) {
        String asked = configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
        List<String> bf16 = BF16_FLAGS.stream().filter(flags::contains).toList();
        String evidence = bf16.isEmpty() ? CPUINFO + " shows neither " + String.join(" nor ", BF16_FLAGS)
                : CPUINFO + " shows " + String.join(" and ", bf16);
        if (asked.equals("auto")) {
            if (weightBytes < AUTO_MIN_WEIGHT_BYTES) {
                return new CpuDtype(DataType.FLOAT32, "dtype auto: float32, the checkpoint (" + (weightBytes >> 20)
                        + " MB) is under " + (AUTO_MIN_WEIGHT_BYTES >> 20) + " MB, too small for bfloat16 to pay");
            }
            return bf16.isEmpty() ? new CpuDtype(DataType.FLOAT32, "dtype auto: float32, " + evidence)
                    : new CpuDtype(DataType.BFLOAT16, "dtype auto: bfloat16, " + evidence);
        }
        DataType dtype = EngineSettings.parseDtype(asked);
        if (dtype == DataType.BFLOAT16 && bf16.isEmpty()) {
            return new CpuDtype(DataType.FLOAT32, "dtype bfloat16 asked, but this CPU has no bfloat16 instructions ("
                    + evidence + "): using float32");
        }
        return new CpuDtype(dtype, "dtype " + EngineSettings.name(dtype) + " as configured"
                + (dtype == DataType.BFLOAT16 ? " (" + evidence + ")" : ""));
    }

    /** The CPU flags listed in a cpuinfo file; empty when it cannot be read (not Linux). */
    static Set<String> flags(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).limit(1)
                    .flatMap(l -> Stream.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Whether bfloat16 was asked for and float32 chosen because the CPU lacks the instructions. */
    public boolean fellBack() {
        return reason.startsWith("dtype bfloat16 asked");
    }

    /** Whether bfloat16 is chosen (the name the output shows is {@link EngineSettings#name}). */
    public boolean bfloat16() {
        return dtype == DataType.BFLOAT16;
    }
}
