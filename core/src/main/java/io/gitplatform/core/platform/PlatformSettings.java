package io.gitplatform.core.platform;

import io.gitplatform.core.spi.BackendSettings;
import java.util.Objects;

/** The platform's configuration: its plugins and the backend that runs the model ({@code git.*} in YAML). */
public record PlatformSettings(PluginSettings plugins, BackendSettings backend) {
    public PlatformSettings {
        Objects.requireNonNull(plugins, "plugins");
        backend = backend == null ? BackendSettings.cpu() : backend;
    }
}
