package io.gitplatform.app.cli;

import io.gitplatform.core.hub.HubOptions;
import io.gitplatform.core.hub.ModelResolver;
import io.gitplatform.core.hub.ProgressBar;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import ai.djl.Device;
import picocli.CommandLine.Option;

/** Which model to load and how: shared by every command that runs the model. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "<source>", defaultValue = "embedded",
            description = "a Hugging Face model folder, a hub id (owner/name), or 'embedded' (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--revision", paramLabel = "<rev>", description = "hub revision (a commit id pins it)")
    String revision;

    @Option(names = "--offline", description = "use only the local cache for hub models")
    boolean offline;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float16 (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads, 0 for the engine's default")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    ModelFolder resolve() {
        HubOptions hub = HubOptions.defaults();
        hub = hub.withOffline(hub.offline() || offline);
        return new ModelResolver(hub, ProgressBar.stderr(quiet)).resolve(source, revision);
    }

    GitPipeline open() {
        progress("loading model " + source + " ...");
        ModelFolder folder = resolve();
        GitPipeline pipeline = GitPipeline.open(folder, new EngineSettings(Device.cpu(),
                EngineSettings.parseDtype(dtype), threads));
        progress("loaded " + folder.name() + " (" + pipeline.parameterCount() + " parameters)");
        return pipeline;
    }

    void progress(String message) {
        if (!quiet) {
            System.err.println(message);
        }
    }
}
