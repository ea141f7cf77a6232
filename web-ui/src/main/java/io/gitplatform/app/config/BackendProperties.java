package io.gitplatform.app.config;

import io.gitplatform.core.spi.BackendSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The backend plugin that runs the model ({@code git.backend.*}, the starter's keys).
 *
 * @param id          cpu (djl-cpu) or gpu (djl-gpu)
 * @param deviceIndex the GPU for the gpu backend
 * @param dtype       float32 or float16; unset: the backend's default
 * @param threads     intra-op threads, 0 for the engine's default; read once, when the engine starts
 */
@ConfigurationProperties("git.backend")
public record BackendProperties(@DefaultValue("cpu") String id, int deviceIndex, String dtype, int threads) {
    public BackendSettings settings() {
        return new BackendSettings(id, deviceIndex, dtype == null || dtype.isBlank() ? null : dtype, threads);
    }
}
