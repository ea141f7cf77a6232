package io.gitplatform.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuDtypeTests {
    private static final Set<String> EPYC = Set.of("avx2", "avx512f", "avx512_bf16");
    private static final Set<String> SAPPHIRE_RAPIDS = Set.of("avx512f", "amx_bf16", "amx_tile");
    private static final Set<String> OLD = Set.of("avx2", "fma");

    @Test
    void autoChoosesBfloat16WhereTheCpuMultipliesIt() {
        assertThat(CpuDtype.resolve(null, EPYC)).isEqualTo(new CpuDtype(DataType.BFLOAT16,
                "dtype auto: bfloat16, /proc/cpuinfo shows avx512_bf16"));
        assertThat(CpuDtype.resolve("auto", SAPPHIRE_RAPIDS).dtype()).isEqualTo(DataType.BFLOAT16);
        assertThat(CpuDtype.resolve(" AUTO ", OLD)).isEqualTo(new CpuDtype(DataType.FLOAT32,
                "dtype auto: float32, /proc/cpuinfo shows neither avx512_bf16 nor amx_bf16"));
    }

    @Test
    void autoKeepsFloat32ForSmallCheckpointsAndBfloat16AskedIsKept() {
        CpuDtype tiny = CpuDtype.resolve("auto", EPYC, 6L << 20);
        assertThat(tiny.dtype()).isEqualTo(DataType.FLOAT32);
        assertThat(tiny.reason()).contains("6 MB").contains("too small");
        assertThat(CpuDtype.resolve("auto", EPYC, 353L << 20).dtype()).isEqualTo(DataType.BFLOAT16);
        assertThat(CpuDtype.resolve("bfloat16", EPYC, 6L << 20).dtype()).isEqualTo(DataType.BFLOAT16);
    }

    @Test
    void bfloat16AskedWithoutTheInstructionsSaysSoAndUsesFloat32() {
        CpuDtype c = CpuDtype.resolve("bfloat16", OLD);
        assertThat(c.dtype()).isEqualTo(DataType.FLOAT32);
        assertThat(c.reason()).contains("no bfloat16 instructions").contains("using float32");
        assertThat(CpuDtype.resolve("bf16", EPYC).bfloat16()).isTrue();
    }

    @Test
    void explicitTypesAreKeptAndUnknownOnesNamed() {
        assertThat(CpuDtype.resolve("float16", EPYC).dtype()).isEqualTo(DataType.FLOAT16);
        assertThat(CpuDtype.resolve("fp32", EPYC).dtype()).isEqualTo(DataType.FLOAT32);
        assertThatThrownBy(() -> CpuDtype.resolve("int8", EPYC)).hasMessageContaining("unknown dtype 'int8'");
    }

    @Test
    void flagsAreReadFromCpuinfo(@TempDir Path tmp) throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu avx512f avx512_bf16 amx_tile\nbugs\t: x\n");
        assertThat(CpuDtype.flags(cpuinfo)).containsExactlyInAnyOrder("fpu", "avx512f", "avx512_bf16", "amx_tile");
        assertThat(CpuDtype.flags(tmp.resolve("missing"))).isEmpty();
    }
}
