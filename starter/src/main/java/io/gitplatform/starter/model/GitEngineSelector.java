package io.gitplatform.starter.model;

import ai.djl.Device;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.spi.BackendSettings;
import io.gitplatform.core.spi.BackendUnavailableException;
import java.util.function.Supplier;

/**
 * Chooses where the model runs, once, right before it is loaded: a started backend plugin with the configured id
 * prepares the engine; without one, {@code cpu} and {@code gpu} are built in, so the default setup needs no plugins.
 */
public class GitEngineSelector implements Supplier<EngineSettings> {

    /** DJL's PyTorch engine reads its intra-op thread count from this property once, when it starts. */
    static final String DJL_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private final PluginRuntime plugins;
    private final BackendSettings backend;

    public GitEngineSelector(PluginRuntime plugins, BackendSettings backend) {
        this.plugins = plugins;
        this.backend = backend;
    }

    public BackendSettings backend() {
        return backend;
    }

    @Override
    public EngineSettings get() {
        boolean served = plugins != null && plugins.backends().stream().anyMatch(b -> b.id().equals(backend.id()));
        return served ? plugins.prepareBackend(backend) : builtIn(backend);
    }

    /** The built-in cpu and gpu backends. */
    public static EngineSettings builtIn(BackendSettings backend) {
        Device device = switch (backend.id()) {
            case "cpu" -> Device.cpu();
            case "gpu" -> Device.gpu(backend.device());
            default -> throw new BackendUnavailableException("no backend '" + backend.id() + "': no started plugin "
                    + "serves it, and the built-in backends are cpu and gpu");
        };
        EngineSettings settings = new EngineSettings(device,
                EngineSettings.parseDtype(backend.dtype() == null ? "float32" : backend.dtype()), backend.threads());
        if (settings.threads() > 0 && System.getProperty(DJL_THREADS_PROPERTY) == null) {
            System.setProperty(DJL_THREADS_PROPERTY, Integer.toString(settings.threads()));
        }
        return settings;
    }
}
