package io.gitplatform.core.platform;

import io.gitplatform.spi.Availability;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.EnginePlacement;
import io.gitplatform.spi.InferenceBackend;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one directory: their life cycle ({@link PluginLifecycle}), which plugin serves each task and backend
 * ({@link ExtensionRegistry}), and calls into them under guards ({@link GuardedCalls}: worker thread, the plugin's
 * class loader, a timeout, failures kept as text), so one broken plugin never takes the others down. Life-cycle
 * operations are serialised; task calls are not.
 */
public final class PluginRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginRuntime.class);

    private final PluginSettings settings;
    private final ExtensionRegistry registry;
    private final PluginLifecycle lifecycle;
    private final GuardedCalls calls;

    private PluginRuntime(PluginSettings settings) {
        this.settings = settings;
        this.registry = new ExtensionRegistry(settings);
        this.lifecycle = new PluginLifecycle(settings, registry);
        this.calls = lifecycle.calls();
    }

    /** Loads every plugin jar of the configured directory and starts those the configuration enables. */
    public static PluginRuntime start(PluginSettings settings) {
        if (!Files.isDirectory(settings.directory())) {
            log.info("plugins directory {} does not exist: only plugins on the class path", settings.directory().toAbsolutePath());
        }
        PluginRuntime runtime = new PluginRuntime(settings);
        runtime.lifecycle.rescan();
        return runtime;
    }

    public PluginSettings settings() {
        return settings;
    }

    /** Every loaded plugin, and every jar that failed to load, sorted by id. */
    public List<PluginInfo> plugins() {
        return lifecycle.plugins();
    }

    public PluginInfo plugin(String id) {
        return lifecycle.plugin(id);
    }

    /** Enables a plugin and starts it; a plugin that fails to start is reported {@code FAILED} with its error. */
    public PluginInfo enable(String id) {
        return lifecycle.enable(id);
    }

    /** Stops a plugin (after its running calls, up to the task timeout) and keeps it from starting again. */
    public PluginInfo disable(String id) {
        return lifecycle.disable(id);
    }

    /** Unloads a plugin and loads its jar again (a new class loader: picks up a replaced jar), then starts it. */
    public PluginInfo reload(String id) {
        return lifecycle.reload(id);
    }

    /**
     * Stops and unloads a plugin and closes its class loader. Nothing of the platform keeps a reference to its
     * classes afterwards, so the loader can be collected once callers drop the results' references (they hold none).
     */
    public void unload(String id) {
        lifecycle.unload(id);
    }

    /** Loads a plugin jar (from the plugins directory or elsewhere) and starts it unless configuration disables it. */
    public PluginInfo load(Path jar) {
        return lifecycle.load(jar);
    }

    /**
     * Loads the jars added to the plugins directory since the last scan (and those that failed before), and unloads
     * the plugins whose jar was removed.
     */
    public PluginRescan rescan() {
        return lifecycle.rescan();
    }

    /** The tasks served, sorted by id (one per id: see {@link ExtensionConflict} for ids several plugins offer). */
    public List<TaskDescriptor> tasks() {
        return registry.tasks();
    }

    /** The backends served, sorted by id. */
    public List<BackendDescriptor> backends() {
        return registry.backends();
    }

    /**
     * Runs a task under the guards. The context's encodings stay alive until the call has really ended, even when
     * the caller has already been told it timed out.
     *
     * @throws UnknownTaskException     when no started plugin serves {@code taskId}
     * @throws IllegalArgumentException when the head does not take this input, or rejects the request
     * @throws TaskFailedException      when the plugin throws ({@link TaskTimeoutException} when it runs too long)
     */
    public TaskResult runTask(String taskId, TaskRequest request, RequestContext context) {
        ExtensionRegistry.Bound<TaskHead, TaskDescriptor> bound = registry.task(taskId);
        if (bound == null) {
            throw unknownTask(taskId);
        }
        if (!bound.descriptor().inputs().contains(request.input().kind())) {
            throw new IllegalArgumentException("task '" + taskId + "' takes " + bound.descriptor().inputs()
                    + " input, not " + request.input().kind());
        }
        context.cache().retain();
        return calls.call(bound.slot(), "task '" + taskId + "'", request.cancellation(),
                () -> Objects.requireNonNull(bound.extension().run(request, context), "the task returned no result"),
                () -> context.cache().release());
    }

    /** "Task not available": no started plugin serves {@code taskId}, or the plugins offering it contest it. */
    public UnknownTaskException unknownTask(String taskId) {
        return new UnknownTaskException(registry.whyNoTask(taskId) + " (plugins directory "
                + settings.directory().toAbsolutePath() + ")");
    }

    /** Whether a backend can run here; a backend no started plugin serves is unavailable, with that reason. */
    public Availability availability(BackendSettings backend) {
        ExtensionRegistry.Bound<InferenceBackend, BackendDescriptor> bound = registry.backend(backend.id());
        if (bound == null) {
            return Availability.no(noBackend(backend.id()));
        }
        return calls.call(bound.slot(), "backend '" + backend.id() + "'", new CancellationFlag(),
                () -> bound.extension().availability(backend), () -> { });
    }

    /**
     * Checks the configured backend and lets it prepare the engine.
     *
     * @throws BackendUnavailableException with what is missing when it cannot run here
     */
    public EnginePlacement prepareBackend(BackendSettings backend) {
        ExtensionRegistry.Bound<InferenceBackend, BackendDescriptor> bound = registry.backend(backend.id());
        if (bound == null) {
            throw new BackendUnavailableException(noBackend(backend.id()));
        }
        Availability availability = availability(backend);
        if (!availability.available()) {
            throw new BackendUnavailableException("backend '" + backend.id() + "' (plugin "
                    + bound.slot().id + ") is not available on this machine: " + availability.reason());
        }
        return calls.call(bound.slot(), "backend '" + backend.id() + "'", new CancellationFlag(),
                () -> Objects.requireNonNull(bound.extension().prepare(backend), "the backend returned no settings"),
                () -> { });
    }

    private String noBackend(String id) {
        return registry.whyNoBackend(id) + " (plugins directory " + settings.directory().toAbsolutePath()
                + "; is its plugin jar there and enabled?)";
    }

    /** Stops every plugin, unloads them, and stops the worker threads. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
