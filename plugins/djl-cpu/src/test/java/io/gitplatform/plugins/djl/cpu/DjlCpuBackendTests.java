package io.gitplatform.plugins.djl.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import io.gitplatform.core.pipeline.CpuDtype;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.spi.BackendSettings;
import org.junit.jupiter.api.Test;

class DjlCpuBackendTests {
    private final DjlCpuBackend backend = new DjlCpuBackend();

    @Test
    void isAvailableAndDefaultsToAutoWithTheEnginesThreads() {
        assertThat(backend.availability(BackendSettings.cpu()).available()).isTrue();
        assertThat(backend.prepare(BackendSettings.cpu())).isEqualTo(new EngineSettings(Device.cpu(),
                CpuDtype.resolve("auto").dtype(), 0));
        assertThat(backend.dtypes()).first().isEqualTo("auto");
    }

    @Test
    void bfloat16IsKeptWhereTheCpuHasItElseFloat32() {
        DataType expected = CpuDtype.resolve("bfloat16").dtype();
        assertThat(backend.prepare(new BackendSettings("cpu", 0, "bfloat16", 0)).dtype()).isEqualTo(expected);
        assertThat(expected).isIn(DataType.BFLOAT16, DataType.FLOAT32);
    }

    @Test
    void setsThePyTorchIntraOpThreadsAndFloat16() {
        backend.prepare(BackendSettings.cpu()); // the engine must run before JNI calls
        int before = JniUtils.getNumThreads();
        try {
            EngineSettings settings = backend.prepare(new BackendSettings("cpu", 0, "float16", 1));
            assertThat(settings.dtype()).isEqualTo(DataType.FLOAT16);
            assertThat(settings.threads()).isEqualTo(1);
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void refusesUnknownDtypes() {
        assertThatThrownBy(() -> backend.prepare(new BackendSettings("cpu", 0, "int8", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown dtype");
    }
}
