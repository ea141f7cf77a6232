package io.gitplatform.core.platform;

import io.gitplatform.core.batch.QueueFullException;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, starts, stops and unloads the plugins of one directory, and calls their extensions with guards: every call
 * runs on a worker thread with the plugin's class loader as context loader, under a timeout, and whatever it throws
 * is logged, summarised as the plugin's last error and turned into a {@link TaskFailedException}, so one broken plugin
 * never takes the others down. Life-cycle operations are serialised; task calls are not.
 */
public final class PluginRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginRuntime.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private final PluginSettings settings;
    private final PlatformPluginManager manager;
    private final ExecutorService workers;
    private final Map<String, PluginSlot> slots = new ConcurrentHashMap<>();
    private final Map<Path, String> loadFailures = new LinkedHashMap<>();
    private final Map<String, BoundTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, BoundBackend> backends = new ConcurrentHashMap<>();

    private record BoundTask(PluginSlot slot, TaskHead head, TaskDescriptor descriptor) {
    }

    private record BoundBackend(PluginSlot slot, InferenceBackend backend, BackendDescriptor descriptor) {
    }

    private PluginRuntime(PluginSettings settings) {
        this.settings = settings;
        this.manager = new PlatformPluginManager(settings.directory());
        this.manager.status().configure(settings.enabled(), settings.disabled());
        AtomicInteger n = new AtomicInteger();
        ClassLoader platformLoader = PluginRuntime.class.getClassLoader();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "git-task-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(platformLoader); // never inherit a plugin's loader from the creating thread
            return t;
        });
    }

    /** Loads every plugin jar of the configured directory and starts those the configuration enables. */
    public static PluginRuntime start(PluginSettings settings) {
        if (!Files.isDirectory(settings.directory())) {
            log.warn("plugins directory {} does not exist: no plugins", settings.directory().toAbsolutePath());
        }
        PluginRuntime runtime = new PluginRuntime(settings);
        synchronized (runtime) {
            runtime.loadFailures.putAll(runtime.manager.loadAll());
            runtime.loadFailures.forEach((jar, error) -> log.error("cannot load plugin {}: {}", jar, error));
            for (PluginWrapper w : runtime.manager.getPlugins()) {
                runtime.slots.put(w.getPluginId(), new PluginSlot(w.getPluginId()));
            }
            for (PluginWrapper w : runtime.sortedPlugins()) {
                if (w.getPluginState() != PluginState.DISABLED) {
                    runtime.startAndActivate(w.getPluginId());
                }
            }
        }
        return runtime;
    }

    public PluginSettings settings() {
        return settings;
    }

    /** Every loaded plugin, and every jar that failed to load, sorted by id. */
    public synchronized List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper w : sortedPlugins()) {
            out.add(info(w));
        }
        loadFailures.forEach((jar, error) -> out.add(new PluginInfo(jarName(jar), null, PluginStatus.FAILED, null,
                null, jar, List.of(), List.of(), List.of(), error, 1)));
        return out;
    }

    public synchronized PluginInfo plugin(String id) {
        return info(wrapper(id));
    }

    /** Enables a plugin and starts it; a plugin that fails to start is reported {@code FAILED} with its error. */
    public synchronized PluginInfo enable(String id) {
        wrapper(id);
        manager.enablePlugin(id);
        startAndActivate(id);
        return plugin(id);
    }

    /** Stops a plugin (after its running calls, up to the task timeout) and keeps it from starting again. */
    public synchronized PluginInfo disable(String id) {
        wrapper(id);
        deactivate(id);
        try {
            manager.disablePlugin(id);
        } catch (RuntimeException e) {
            fail(id, "stopping it failed: " + PluginErrors.summary(e), e);
        }
        return plugin(id);
    }

    /** Unloads a plugin and loads its jar again (a new class loader: picks up a replaced jar), then starts it. */
    public synchronized PluginInfo reload(String id) {
        Path jar = wrapper(id).getPluginPath();
        unload(id);
        return load(jar);
    }

    /**
     * Stops and unloads a plugin and closes its class loader. Nothing of the platform keeps a reference to its
     * classes afterwards, so the loader can be collected once callers drop the results' references (they hold none).
     */
    public synchronized void unload(String id) {
        wrapper(id);
        deactivate(id);
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            log.error("unloading plugin {} failed", id, e);
        }
        slots.remove(id);
    }

    /** Loads a plugin jar (from the plugins directory or elsewhere) and starts it unless configuration disables it. */
    public synchronized PluginInfo load(Path jar) {
        PluginWrapper w;
        try {
            w = manager.load(jar);
        } catch (RuntimeException e) {
            loadFailures.put(jar, PluginErrors.summary(e));
            throw new IllegalArgumentException("cannot load plugin " + jar + ": " + PluginErrors.summary(e), e);
        }
        loadFailures.remove(jar);
        slots.put(w.getPluginId(), new PluginSlot(w.getPluginId()));
        if (w.getPluginState() != PluginState.DISABLED) {
            startAndActivate(w.getPluginId());
        }
        return plugin(w.getPluginId());
    }

    /** The tasks of started plugins, sorted by id. */
    public List<TaskDescriptor> tasks() {
        return tasks.values().stream().map(BoundTask::descriptor)
                .sorted(Comparator.comparing(TaskDescriptor::id)).toList();
    }

    /** The backends of started plugins, sorted by id. */
    public List<BackendDescriptor> backends() {
        return backends.values().stream().map(BoundBackend::descriptor)
                .sorted(Comparator.comparing(BackendDescriptor::id)).toList();
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
        BoundTask bound = tasks.get(taskId);
        if (bound == null) {
            throw unknownTask(taskId);
        }
        if (!bound.descriptor().inputs().contains(request.input().kind())) {
            throw new IllegalArgumentException("task '" + taskId + "' takes " + bound.descriptor().inputs()
                    + " input, not " + request.input().kind());
        }
        context.cache().retain();
        return guarded(bound.slot(), "task '" + taskId + "'", request.cancellation(),
                () -> Objects.requireNonNull(bound.head().run(request, context), "the task returned no result"),
                () -> context.cache().release());
    }

    /** "Task not available": no started plugin serves {@code taskId}. */
    public UnknownTaskException unknownTask(String taskId) {
        return new UnknownTaskException("no task '" + taskId + "'; the started plugins serve "
                + (tasks.isEmpty() ? "no tasks" : new TreeSet<>(tasks.keySet())) + " (plugins directory "
                + settings.directory().toAbsolutePath() + ")");
    }

    /** Whether a backend can run here; a backend no started plugin serves is unavailable, with that reason. */
    public Availability availability(BackendSettings backend) {
        BoundBackend bound = backends.get(backend.id());
        if (bound == null) {
            return Availability.no(noBackend(backend.id()));
        }
        return guarded(bound.slot(), "backend '" + backend.id() + "'", new CancellationFlag(),
                () -> bound.backend().availability(backend), () -> { });
    }

    /**
     * Checks the configured backend and lets it prepare the engine.
     *
     * @throws BackendUnavailableException with what is missing when it cannot run here
     */
    public EnginePlacement prepareBackend(BackendSettings backend) {
        BoundBackend bound = backends.get(backend.id());
        if (bound == null) {
            throw new BackendUnavailableException(noBackend(backend.id()));
        }
        Availability availability = availability(backend);
        if (!availability.available()) {
            throw new BackendUnavailableException("backend '" + backend.id() + "' (plugin "
                    + bound.slot().id + ") is not available on this machine: " + availability.reason());
        }
        return guarded(bound.slot(), "backend '" + backend.id() + "'", new CancellationFlag(),
                () -> Objects.requireNonNull(bound.backend().prepare(backend), "the backend returned no settings"),
                () -> { });
    }

    private String noBackend(String id) {
        return "no backend '" + id + "': the started plugins serve " + (backends.isEmpty() ? "no backends"
                : new TreeSet<>(backends.keySet())) + " (plugins directory " + settings.directory().toAbsolutePath()
                + "; is its plugin jar there and enabled?)";
    }

    /** Stops every plugin, unloads them, and stops the worker threads. */
    @Override
    public synchronized void close() {
        for (String id : new ArrayList<>(slots.keySet())) {
            unload(id);
        }
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("plugin calls still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T guarded(PluginSlot slot, String what, CancellationFlag cancellation, Callable<T> body,
            Runnable onEnd) {
        ClassLoader loader = manager.getPluginClassLoader(slot.id);
        // Whoever flips this first owns onEnd: the worker when it starts, the caller when it gives up first.
        AtomicBoolean claimed = new AtomicBoolean();
        Callable<T> call = () -> {
            if (claimed.getAndSet(true)) {
                throw new CancellationException("given up before it started");
            }
            try {
                if (!slot.enter()) {
                    throw new PluginStoppedException();
                }
                Thread thread = Thread.currentThread();
                try {
                    thread.setContextClassLoader(loader);
                    return body.call();
                } finally {
                    thread.setContextClassLoader(PluginRuntime.class.getClassLoader());
                    slot.exit();
                }
            } finally {
                onEnd.run();
            }
        };
        Future<T> future;
        try {
            future = workers.submit(call);
        } catch (RejectedExecutionException e) {
            onEnd.run();
            throw new IllegalStateException("the plugin runtime is closed");
        }
        Duration timeout = settings.taskTimeout();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            giveUp(future, cancellation, claimed, onEnd);
            String error = what + " did not finish within " + timeout.toMillis() + " ms and was cancelled";
            fail(slot.id, error, null);
            throw new TaskTimeoutException(slot.id, error);
        } catch (InterruptedException e) {
            giveUp(future, cancellation, claimed, onEnd);
            Thread.currentThread().interrupt();
            throw new CancellationException(what + " was interrupted");
        } catch (ExecutionException e) {
            throw translate(slot, what, e.getCause());
        }
    }

    private static void giveUp(Future<?> future, CancellationFlag cancellation, AtomicBoolean claimed,
            Runnable onEnd) {
        cancellation.cancel(); // cooperative: generation stops at its next step
        future.cancel(true);
        if (!claimed.getAndSet(true)) {
            onEnd.run();
        }
    }

    private RuntimeException translate(PluginSlot slot, String what, Throwable cause) {
        // Request errors keep their type but not the instance: its back-trace would pin the plugin's classes.
        if (cause instanceof IllegalArgumentException) {
            return new IllegalArgumentException(cause.getMessage());
        }
        if (cause instanceof BackendUnavailableException) {
            return new BackendUnavailableException(cause.getMessage());
        }
        // The platform's own refusals from below the head (the batcher's queue, a cancelled request) are not the
        // plugin's failure; they are the platform's classes, so they pin nothing.
        if (cause instanceof QueueFullException full) {
            return full;
        }
        if (cause instanceof CancellationException cancelled) {
            return cancelled;
        }
        if (cause instanceof PluginStoppedException) {
            return new TaskFailedException(slot.id, what + " is not available: plugin " + slot.id + " is stopping");
        }
        String error = what + " failed: " + PluginErrors.summary(cause);
        fail(slot.id, error, cause);
        return new TaskFailedException(slot.id, error);
    }

    private void fail(String pluginId, String error, Throwable cause) {
        log.warn("plugin {}: {}", pluginId, error, cause);
        PluginSlot slot = slots.get(pluginId);
        if (slot != null) {
            slot.fail(error);
        }
    }

    /** Thrown on a worker when the plugin stopped between lookup and call. */
    private static final class PluginStoppedException extends RuntimeException {
        PluginStoppedException() {
            super(null, null, false, false);
        }
    }

    private void startAndActivate(String id) {
        if (slots.get(id).active()) {
            return;
        }
        PluginState state;
        // On a worker, under the task timeout: a plugin whose start() never returns must not hold up the platform.
        Future<PluginState> started = workers.submit(() -> manager.startPlugin(id));
        try {
            state = started.get(settings.taskTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            started.cancel(true);
            manager.getPlugin(id).setPluginState(PluginState.FAILED);
            fail(id, "start did not finish within " + settings.taskTimeout().toMillis() + " ms; the plugin stays"
                    + " stopped", null);
            return;
        } catch (InterruptedException e) {
            started.cancel(true);
            Thread.currentThread().interrupt();
            fail(id, "start was interrupted", null);
            return;
        } catch (ExecutionException e) {
            fail(id, "start failed: " + PluginErrors.summary(e.getCause()), e.getCause());
            return;
        }
        PluginWrapper w = manager.getPlugin(id);
        if (state != PluginState.STARTED) {
            Throwable failed = w.getFailedException();
            if (failed != null) {
                fail(id, "start failed: " + PluginErrors.summary(failed), null);
            }
            return;
        }
        activate(slots.get(id), w);
    }

    /** Creates the plugin's extensions and registers its tasks and backends. */
    private void activate(PluginSlot slot, PluginWrapper w) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(w.getPluginClassLoader());
        Set<String> points = new TreeSet<>();
        try {
            for (Class<?> type : manager.getExtensionClasses(slot.id)) {
                Object extension;
                try {
                    extension = manager.getExtensionFactory().create(type);
                } catch (RuntimeException | LinkageError e) {
                    fail(slot.id, "cannot create extension " + type.getName() + ": " + PluginErrors.summary(e), e);
                    continue;
                }
                boolean isHead = extension instanceof TaskHead;
                boolean isBackend = extension instanceof InferenceBackend;
                if (!isHead && !isBackend) {
                    fail(slot.id, "extension " + type.getName() + " implements none of the platform's extension"
                            + " points (does the plugin jar bundle its own copy of git-platform-core?)", null);
                }
                if (isHead) {
                    points.add(TaskHead.class.getSimpleName());
                    register(slot, (TaskHead) extension);
                }
                if (isBackend) {
                    points.add(InferenceBackend.class.getSimpleName());
                    register(slot, (InferenceBackend) extension);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        slot.activate(new ArrayList<>(points));
    }

    private void register(PluginSlot slot, TaskHead head) {
        TaskDescriptor d;
        try {
            d = new TaskDescriptor(head.id(), head.description(), Set.copyOf(head.inputs()),
                    List.copyOf(head.options()), slot.id);
        } catch (RuntimeException e) {
            fail(slot.id, "task head " + head.getClass().getName() + " cannot describe itself: "
                    + PluginErrors.summary(e), e);
            return;
        }
        if (d.id() == null || !ID.matcher(d.id()).matches()) {
            fail(slot.id, "task head " + head.getClass().getName() + " has an invalid id '" + d.id()
                    + "' (lower case letters, digits, dots and dashes)", null);
            return;
        }
        BoundTask existing = tasks.putIfAbsent(d.id(), new BoundTask(slot, head, d));
        if (existing != null) {
            fail(slot.id, "task '" + d.id() + "' is already served by plugin " + existing.slot().id
                    + "; this plugin's head is ignored", null);
        }
    }

    private void register(PluginSlot slot, InferenceBackend backend) {
        BackendDescriptor d;
        try {
            d = new BackendDescriptor(backend.id(), backend.description(), backend.engine(),
                    List.copyOf(backend.dtypes()), slot.id);
        } catch (RuntimeException e) {
            fail(slot.id, "backend " + backend.getClass().getName() + " cannot describe itself: "
                    + PluginErrors.summary(e), e);
            return;
        }
        if (d.id() == null || !ID.matcher(d.id()).matches()) {
            fail(slot.id, "backend " + backend.getClass().getName() + " has an invalid id '" + d.id() + "'", null);
            return;
        }
        BoundBackend existing = backends.putIfAbsent(d.id(), new BoundBackend(slot, backend, d));
        if (existing != null) {
            fail(slot.id, "backend '" + d.id() + "' is already served by plugin " + existing.slot().id
                    + "; this plugin's backend is ignored", null);
        }
    }

    /** Unregisters the plugin's extensions and waits (up to the task timeout) for its running calls. */
    private void deactivate(String id) {
        PluginSlot slot = slots.get(id);
        if (slot == null) {
            return;
        }
        tasks.values().removeIf(b -> b.slot() == slot);
        backends.values().removeIf(b -> b.slot() == slot);
        if (!slot.deactivate(settings.taskTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            log.warn("plugin {} still has calls running after {}; stopping it anyway", id, settings.taskTimeout());
        }
    }

    private PluginWrapper wrapper(String id) {
        PluginWrapper w = manager.getPlugin(id);
        if (w == null) {
            throw new UnknownPluginException("no plugin '" + id + "'; loaded: "
                    + sortedPlugins().stream().map(PluginWrapper::getPluginId).toList());
        }
        return w;
    }

    private List<PluginWrapper> sortedPlugins() {
        return manager.getPlugins().stream().sorted(Comparator.comparing(PluginWrapper::getPluginId)).toList();
    }

    private PluginInfo info(PluginWrapper w) {
        String id = w.getPluginId();
        PluginSlot slot = slots.get(id);
        List<String> taskIds = tasks.values().stream().filter(b -> b.slot() == slot).map(b -> b.descriptor().id())
                .sorted().toList();
        List<String> backendIds = backends.values().stream().filter(b -> b.slot() == slot)
                .map(b -> b.descriptor().id()).sorted().toList();
        return new PluginInfo(id, w.getDescriptor().getVersion(), status(w.getPluginState()),
                w.getDescriptor().getProvider(), w.getDescriptor().getPluginDescription(), w.getPluginPath(),
                slot == null ? List.of() : slot.extensionPoints(), taskIds, backendIds,
                slot == null ? null : slot.lastError(), slot == null ? 0 : slot.failures());
    }

    private static PluginStatus status(PluginState state) {
        return switch (state) {
            case CREATED -> PluginStatus.CREATED;
            case RESOLVED -> PluginStatus.RESOLVED;
            case STARTED -> PluginStatus.STARTED;
            case STOPPED -> PluginStatus.STOPPED;
            case DISABLED -> PluginStatus.DISABLED;
            case FAILED, UNLOADED -> PluginStatus.FAILED;
        };
    }

    private static String jarName(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }
}
