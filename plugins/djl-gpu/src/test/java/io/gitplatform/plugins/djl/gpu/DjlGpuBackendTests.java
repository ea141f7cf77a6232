package io.gitplatform.plugins.djl.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.engine.Engine;
import io.gitplatform.spi.Availability;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import org.junit.jupiter.api.Test;

/** On a machine without a usable GPU (this one) the backend says so, and how to supply one. */
class DjlGpuBackendTests {
    private final DjlGpuBackend backend = new DjlGpuBackend();
    private final BackendSettings gpu0 = new BackendSettings("gpu", 0, null, 0);

    @Test
    void withoutAGpuItIsUnavailableWithTheReasonAndTheWayOut() {
        assumeFalse(Engine.getEngine("PyTorch").getGpuCount() > 0, "this machine has a usable GPU");
        Availability availability = backend.availability(gpu0);
        assertThat(availability.available()).isFalse();
        assertThat(availability.reason()).contains("CUDA").contains("PYTORCH_LIBRARY_PATH")
                .contains("PYTORCH_FLAVOR=cu128");
        assertThatThrownBy(() -> backend.prepare(gpu0)).isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessage(availability.reason());
    }

    @Test
    void defaultsToFloat16AndRefusesBfloat16() {
        assertThat(backend.dtypes()).first().isEqualTo("float16");
        assertThatThrownBy(() -> backend.prepare(new BackendSettings("gpu", 0, "bf16", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bfloat16");
    }
}
