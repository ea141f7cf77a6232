package io.gitplatform.app.cli;

import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.core.spi.BackendSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every command that opens the platform shares: where plugins are, which backend, which model. */
final class PlatformOptions {
    /** Set by {@code bin/git-platform} to the plugin jars the build copied into {@code web-ui/target/plugins}. */
    static final String PLUGINS_DIR_PROPERTY = "git.plugins.dir";

    @Option(names = "--plugins-dir", paramLabel = "<dir>",
            description = "directory of plugin jars (default: ${sys:git.plugins.dir:-plugins})")
    Path pluginsDir;

    @Option(names = "--backend", paramLabel = "<id>", defaultValue = "cpu",
            description = "inference backend: cpu or gpu (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--device", paramLabel = "<n>", defaultValue = "0", description = "GPU index for --backend gpu")
    int device;

    @Option(names = "--dtype", paramLabel = "<dtype>", description = "float32 or float16 (default: the backend's)")
    String dtype;

    @Option(names = "--threads", paramLabel = "<n>", defaultValue = "0",
            description = "intra-op threads (0: the engine's default)")
    int threads;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "300",
            description = "how long a task may run (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    @Option(names = "--model", paramLabel = "<folder>",
            description = "a Hugging Face GIT model folder (default: the embedded tiny shapes model)")
    Path model;

    PluginSettings pluginSettings() {
        Path dir = pluginsDir != null ? pluginsDir : Path.of(System.getProperty(PLUGINS_DIR_PROPERTY, "plugins"));
        return PluginSettings.of(dir).withTaskTimeout(Duration.ofSeconds(timeoutSeconds));
    }

    PlatformSettings platformSettings() {
        return new PlatformSettings(pluginSettings(), new BackendSettings(backend, device, dtype, threads));
    }

    ModelFolder modelFolder() {
        return model != null ? ModelFolder.read(model) : EmbeddedModel.folder(EmbeddedModel.defaultCacheRoot());
    }
}
