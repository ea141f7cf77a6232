package io.gitplatform.spark;

import io.gitplatform.core.hub.HubOptions;
import io.gitplatform.core.hub.ModelResolver;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.spi.BackendSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which platform an executor opens: the model, the backend and the plugins. Equal specs share one platform per JVM.
 *
 * @param model       {@code embedded}, a model folder (on every executor), or a hub id ({@code owner/name})
 * @param revision    hub revision, empty for the default branch
 * @param offline     hub models from the local cache only
 * @param dtype       {@code float32} or {@code float16}; empty for the backend's default
 * @param threads     intra-op threads per executor JVM, 0 for the engine's default
 * @param pluginsDir  a directory of plugin jars on every executor; empty for the jars bundled in this module's jar
 */
public record PlatformSpec(String model, String revision, boolean offline, String backend, int device, String dtype,
        int threads, String pluginsDir, Duration taskTimeout) implements Serializable {

    public PlatformSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        revision = revision == null ? "" : revision;
        dtype = dtype == null ? "" : dtype;
        pluginsDir = pluginsDir == null ? "" : pluginsDir;
        Objects.requireNonNull(taskTimeout, "taskTimeout");
    }

    /** Resolves the model (a hub id is downloaded once into the executor's cache) and starts the platform. */
    GitPlatform open() {
        Path plugins = pluginsDir.isEmpty() ? BundledPlugins.directory() : Path.of(pluginsDir);
        BackendSettings engine = new BackendSettings(backend, device, dtype.isEmpty() ? null : dtype, threads);
        PlatformSettings settings = new PlatformSettings(PluginSettings.of(plugins).withTaskTimeout(taskTimeout),
                engine);
        HubOptions hub = HubOptions.defaults();
        ModelFolder folder = new ModelResolver(hub.withOffline(hub.offline() || offline))
                .resolve(model, revision.isEmpty() ? null : revision);
        return GitPlatform.open(settings, folder);
    }
}
