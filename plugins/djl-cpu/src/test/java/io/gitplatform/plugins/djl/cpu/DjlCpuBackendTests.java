package io.gitplatform.plugins.djl.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.EnginePlacement;
import org.junit.jupiter.api.Test;

class DjlCpuBackendTests {
    private final DjlCpuBackend backend = new DjlCpuBackend();

    @Test
    void isAvailableAndDefaultsToAutoWithTheEnginesThreads() {
        assertThat(backend.availability(BackendSettings.cpu()).available()).isTrue();
        assertThat(backend.prepare(BackendSettings.cpu())).isEqualTo(EnginePlacement.cpu("auto", 0));
        assertThat(backend.prepare(new BackendSettings("cpu", 0, "bf16", 0)).dtype()).isEqualTo("bfloat16");
    }

    @Test
    void setsThePyTorchIntraOpThreadsAndFloat16() {
        backend.prepare(BackendSettings.cpu()); // the engine must run before JNI calls
        int before = JniUtils.getNumThreads();
        try {
            EnginePlacement settings = backend.prepare(new BackendSettings("cpu", 0, "fp16", 1));
            assertThat(settings.dtype()).isEqualTo("float16");
            assertThat(settings.threads()).isEqualTo(1);
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void refusesDtypesTheEngineCannotHold() {
        assertThatThrownBy(() -> backend.prepare(new BackendSettings("cpu", 0, "int8", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend 'cpu' runs [auto, float32, float16, bfloat16], not 'int8'");
    }
}
