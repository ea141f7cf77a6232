package io.gitplatform.app.cli;

import io.gitplatform.core.hub.HubOptions;
import io.gitplatform.core.hub.ModelResolver;
import io.gitplatform.core.hub.ProgressBar;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.spi.BackendSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The options every command that opens the platform shares: which model, which backend, where plugins are. {@code
 * serve} takes them too and hands them to the server as {@code git.*} properties.
 */
final class PlatformOptions {
    /** Set by {@code bin/git-platform} to the plugin jars the build copied into {@code web-ui/target/plugins}. */
    static final String PLUGINS_DIR_PROPERTY = "git.plugins.dir";

    @Option(names = "--model", paramLabel = "<source>", defaultValue = "embedded",
            description = "a Hugging Face GIT model folder, a hub id (owner/name), or 'embedded', the tiny shapes"
                    + " model (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--revision", paramLabel = "<rev>", description = "hub revision (a commit id pins it)")
    String revision;

    @Option(names = "--offline", description = "use only the local cache for hub models")
    boolean offline;

    @Option(names = "--plugins-dir", paramLabel = "<dir>",
            description = "directory of plugin jars (default: ${sys:git.plugins.dir:-plugins})")
    Path pluginsDir;

    @Option(names = "--backend", paramLabel = "<id>", defaultValue = "cpu",
            description = "inference backend: cpu or gpu (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--device", paramLabel = "<n>", defaultValue = "0", description = "GPU index for --backend gpu")
    int device;

    @Option(names = "--dtype", paramLabel = "<dtype>", description = "auto, float32, float16 or bfloat16 (default: the backend's; cpu: auto)")
    String dtype;

    @Option(names = "--threads", paramLabel = "<n>", defaultValue = "0",
            description = "intra-op threads (0: the engine's default)")
    int threads;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "300",
            description = "how long a task may run (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    PluginSettings pluginSettings() {
        Path dir = pluginsDir != null ? pluginsDir : Path.of(System.getProperty(PLUGINS_DIR_PROPERTY, "plugins"));
        return PluginSettings.of(dir).withTaskTimeout(Duration.ofSeconds(timeoutSeconds));
    }

    PlatformSettings platformSettings() {
        return new PlatformSettings(pluginSettings(), new BackendSettings(backend, device, dtype, threads));
    }

    ModelFolder modelFolder() {
        HubOptions hub = HubOptions.defaults();
        hub = hub.withOffline(hub.offline() || offline);
        return new ModelResolver(hub, ProgressBar.stderr(quiet)).resolve(model, revision);
    }

    /** Resolves the model (downloading it once if it is a hub id) and starts the platform on the chosen backend. */
    GitPlatform open() {
        progress("loading model " + model + " ...");
        ModelFolder folder = modelFolder();
        GitPlatform platform = GitPlatform.open(platformSettings(), folder);
        progress("loaded " + folder.name() + " (" + platform.pipeline().parameterCount() + " parameters) on "
                + platform.pipeline().settings().device() + ", " + EngineSettings.name(platform.pipeline().settings().dtype()));
        return platform;
    }

    /**
     * The options given on this command line as the server's {@code git.*} properties ({@code serve}); options left
     * out stay with the server's YAML, so only what was typed is passed.
     */
    List<String> serverProperties(ParseResult parsed) {
        List<String> out = new ArrayList<>();
        BiConsumer<String, Object> put = (option, value) -> {
            if (parsed.hasMatchedOption(option)) {
                out.add("--" + SERVER_PROPERTIES.get(option) + "=" + value);
            }
        };
        put.accept("--model", model);
        put.accept("--revision", revision);
        put.accept("--offline", offline);
        put.accept("--plugins-dir", pluginsDir == null ? null : pluginsDir.toAbsolutePath());
        put.accept("--backend", backend);
        put.accept("--device", device);
        put.accept("--dtype", dtype);
        put.accept("--threads", threads);
        put.accept("--timeout", timeoutSeconds + "s");
        return out;
    }

    private static final Map<String, String> SERVER_PROPERTIES = Map.of("--model", "git.model.source",
            "--revision", "git.model.revision", "--offline", "git.model.offline", "--plugins-dir", "git.plugins.dir",
            "--backend", "git.backend.id", "--device", "git.backend.device-index", "--dtype", "git.backend.dtype",
            "--threads", "git.backend.threads", "--timeout", "git.plugins.task-timeout");

    void progress(String message) {
        if (!quiet) {
            System.err.println(message);
        }
    }
}
