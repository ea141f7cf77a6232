package io.gitplatform.core.platform;

import io.gitplatform.core.batch.BatchListener;
import io.gitplatform.core.batch.Batcher;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.ModelInfo;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.util.List;
import java.util.Map;

/**
 * The platform in one object: the plugins, the model opened on the backend the configuration selects, and the batcher
 * every generation goes through. Every entry point (CLI, Spring services and ChatModel, REST, OpenAI endpoint, jobs,
 * Spark) runs a task with {@link #run}, which hands it to the task head that serves it. Thread-safe.
 */
public final class GitPlatform implements AutoCloseable {
    private final PlatformSettings settings;
    private final PluginRuntime plugins;
    private final GitPipeline pipeline;
    private final Batcher batcher;

    private GitPlatform(PlatformSettings settings, PluginRuntime plugins, GitPipeline pipeline, BatchListener batches) {
        this.settings = settings;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.batcher = new Batcher(pipeline, settings.batching(), batches);
    }

    /**
     * Starts the plugins, lets the configured backend prepare the engine, and opens the model on it.
     *
     * @throws BackendUnavailableException when the backend is missing or cannot run on this machine
     */
    public static GitPlatform open(PlatformSettings settings, ModelFolder model) {
        return open(settings, model, BatchListener.NONE);
    }

    /** {@link #open(PlatformSettings, ModelFolder)}, with a listener that hears every forward pass (metrics). */
    public static GitPlatform open(PlatformSettings settings, ModelFolder model, BatchListener batches) {
        PluginRuntime plugins = PluginRuntime.start(settings.plugins());
        try {
            EngineSettings engine = EngineSettings.of(plugins.prepareBackend(settings.backend()), model.weightBytes());
            return new GitPlatform(settings, plugins, GitPipeline.open(model, engine), batches);
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    public PluginRuntime plugins() {
        return plugins;
    }

    /** The model itself, for tools that look below the tasks (parity, bench, the admin page's facts). */
    public GitPipeline pipeline() {
        return pipeline;
    }

    public PlatformSettings settings() {
        return settings;
    }

    /** The backend the model was opened with. */
    public BackendSettings backend() {
        return settings.backend();
    }

    public ModelInfo model() {
        return pipeline.info();
    }

    /** Works waiting for the batcher. */
    public int queueDepth() {
        return batcher.depth();
    }

    public List<TaskDescriptor> tasks() {
        return plugins.tasks();
    }

    /** The task {@code taskId}, as its plugin describes it. */
    public TaskDescriptor task(String taskId) {
        return plugins.tasks().stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> plugins.unknownTask(taskId));
    }

    /**
     * A request's options from text fields, checked against the task's descriptors and the configured limits.
     *
     * @throws UnknownTaskException     when no started plugin serves {@code taskId}
     * @throws IllegalArgumentException naming the option that is unknown, missing or invalid
     */
    public TaskOptions options(String taskId, Map<String, List<String>> fields) {
        return TaskOptions.parse(taskId, task(taskId).options(), fields, settings.optionLimits());
    }

    /**
     * Runs one task on its own encodings. The request's options are checked against the task's descriptors and the
     * configured limits first, whoever built them, so every entry point refuses the same requests with the same words.
     *
     * @throws UnknownTaskException     when no started plugin serves {@code taskId} ("Task not available")
     * @throws IllegalArgumentException when the request is invalid (an option, the input kind, or the head says so)
     * @throws TaskFailedException      when the head fails or runs past the task timeout
     */
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
        TaskRequest checked = request.withOptions(options(taskId, request.options().toFields()));
        return plugins.runTask(taskId, checked, new RequestContext(pipeline, batcher, settings.generation(), shared,
                checked));
    }

    /** Stops the batcher (after its queued work) and the plugins, then frees the model. */
    @Override
    public void close() {
        try {
            batcher.close();
            plugins.close();
        } finally {
            pipeline.close();
        }
    }
}
