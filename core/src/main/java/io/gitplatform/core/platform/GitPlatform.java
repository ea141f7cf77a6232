package io.gitplatform.core.platform;

import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.spi.BackendSettings;
import io.gitplatform.core.spi.BackendUnavailableException;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import java.util.List;

/**
 * The platform in one object: the plugins, and the model opened on the backend the configuration selects. The CLI,
 * the Spring starter and the REST layer run tasks through it. Thread-safe.
 */
public final class GitPlatform implements AutoCloseable {
    private final PluginRuntime plugins;
    private final GitPipeline pipeline;
    private final BackendSettings backend;

    private GitPlatform(PluginRuntime plugins, GitPipeline pipeline, BackendSettings backend) {
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.backend = backend;
    }

    /**
     * Starts the plugins, lets the configured backend prepare the engine, and opens the model on it.
     *
     * @throws BackendUnavailableException when the backend is missing or cannot run on this machine
     */
    public static GitPlatform open(PlatformSettings settings, ModelFolder model) {
        PluginRuntime plugins = PluginRuntime.start(settings.plugins());
        try {
            EngineSettings engine = plugins.prepareBackend(settings.backend());
            return new GitPlatform(plugins, GitPipeline.open(model, engine), settings.backend());
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    public PluginRuntime plugins() {
        return plugins;
    }

    public GitPipeline pipeline() {
        return pipeline;
    }

    /** The backend the model was opened with. */
    public BackendSettings backend() {
        return backend;
    }

    public List<TaskDescriptor> tasks() {
        return plugins.tasks();
    }

    /** Runs one task on its own encodings. */
    public TaskResult run(String taskId, TaskRequest request) {
        try (EncodingCache cache = new EncodingCache()) {
            return run(taskId, request, cache);
        }
    }

    /**
     * Runs one task of a larger request: sub-requests that pass the same cache and the same input object share one
     * vision pass. The caller closes the cache.
     */
    public TaskResult run(String taskId, TaskRequest request, EncodingCache shared) {
        return plugins.runTask(taskId, request, new RequestContext(pipeline, shared, request.progress()));
    }

    /** Stops the plugins, then frees the model. */
    @Override
    public void close() {
        try {
            plugins.close();
        } finally {
            pipeline.close();
        }
    }
}
