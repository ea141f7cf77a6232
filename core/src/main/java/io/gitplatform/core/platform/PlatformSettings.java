package io.gitplatform.core.platform;

import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.OptionLimits;
import java.util.Objects;

/** The platform's configuration: its plugins and the backend that runs the model ({@code git.*} in YAML). */
public record PlatformSettings(PluginSettings plugins, BackendSettings backend, BatchSettings batching,
        GenerationDefaults generation, OptionLimits optionLimits) {
    public PlatformSettings {
        Objects.requireNonNull(plugins, "plugins");
        backend = backend == null ? BackendSettings.cpu() : backend;
        batching = batching == null ? BatchSettings.DEFAULTS : batching;
        generation = generation == null ? GenerationDefaults.NONE : generation;
        optionLimits = optionLimits == null ? OptionLimits.DEFAULT : optionLimits;
    }

    /** The plugins and backend, with default batching, generation and option limits. */
    public PlatformSettings(PluginSettings plugins, BackendSettings backend) {
        this(plugins, backend, null, null, null);
    }
}
