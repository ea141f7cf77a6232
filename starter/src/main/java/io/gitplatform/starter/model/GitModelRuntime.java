package io.gitplatform.starter.model;

import io.gitplatform.core.batch.BatchListener;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.starter.GitBusyException;
import io.gitplatform.starter.GitModelUnavailableException;
import io.gitplatform.starter.autoconfigure.GitProperties.Loading;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The platform ({@link GitPlatform}: the plugins and the model opened on the backend plugin the settings select), with
 * when it loads ({@link Loading}), a readiness {@link #state()}, and a gate that lets {@code concurrency} model calls
 * run at once. Loading never happens in the constructor, so a context with the default lazy loading refreshes without
 * starting plugins or reading weights.
 */
public class GitModelRuntime implements SmartLifecycle {

    /** Before the web server starts (so STARTUP loading gates traffic) and stopped after it drained. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(GitModelRuntime.class);

    private final GitModelResolver resolver;
    private final PlatformSettings settings;
    private final Loading loading;
    private final int concurrency;
    private final Semaphore slots;
    private final Duration acquireTimeout;
    private final BatchListener batches;
    private final Object loadLock = new Object();

    private volatile GitPlatform platform;
    private volatile GitModelState state = GitModelState.NOT_LOADED;
    private volatile Throwable lastFailure;
    private volatile boolean running;

    /** @param settings the plugins directory and the backend that runs the model */
    public GitModelRuntime(GitModelResolver resolver, PlatformSettings settings, Loading loading, int concurrency,
            Duration acquireTimeout) {
        this(resolver, settings, loading, concurrency, acquireTimeout, BatchListener.NONE);
    }

    /** @param batches hears every forward pass of the platform's batcher (metrics) */
    public GitModelRuntime(GitModelResolver resolver, PlatformSettings settings, Loading loading, int concurrency,
            Duration acquireTimeout, BatchListener batches) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("git.limits.concurrency must be at least 1, got " + concurrency);
        }
        this.resolver = resolver;
        this.settings = settings;
        this.loading = loading;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency, true);
        this.acquireTimeout = acquireTimeout;
        this.batches = batches;
    }

    public GitModelState state() {
        return state;
    }

    /** Why the last load failed, or null. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    public PlatformSettings settings() {
        return settings;
    }

    /** The loaded model's name, or null before it is loaded. */
    public String modelName() {
        GitPlatform p = platform;
        return p == null ? null : p.pipeline().folder().name();
    }

    /**
     * The platform, loading it first if needed (callers wait for a load in progress). Its {@code plugins()} are for
     * listing and administering plugins; run tasks through {@link #call}.
     */
    public GitPlatform platform() {
        GitPlatform p = platform;
        if (p != null) {
            return p;
        }
        synchronized (loadLock) {
            if (platform == null) {
                load();
            }
            return platform;
        }
    }

    /**
     * Runs one model call once a slot is free. The model is loaded before waiting for a slot, so a long first load
     * does not count against the acquire timeout.
     *
     * @throws GitBusyException when no slot frees up within {@code git.limits.acquire-timeout}
     */
    public <T> T call(Function<GitPlatform, T> work) {
        GitPlatform p = platform();
        try {
            if (!slots.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GitBusyException("all " + concurrency + " model slots stayed busy for " + acquireTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitBusyException("interrupted while waiting for a model slot");
        }
        try {
            if (state == GitModelState.CLOSED) {
                throw new GitModelUnavailableException("the model is closed", null);
            }
            GitPlatform current = platform; // a reload may have swapped it while this call waited for its slot
            return work.apply(current != null ? current : p);
        } finally {
            slots.release();
        }
    }

    /**
     * Loads the model again (its files changed, or plugins were replaced) and swaps it in: the new platform opens
     * beside the old one, then takes over once every call in flight is done; the old one is closed.
     *
     * @throws GitBusyException when calls keep every slot busy for longer than the acquire timeout
     */
    public void reload() {
        synchronized (loadLock) {
            if (state == GitModelState.CLOSED) {
                throw new GitModelUnavailableException("the model is closed", null);
            }
            GitPlatform old = platform;
            try {
                load(); // sets platform to the new one; calls that start from now on use it
            } catch (GitModelUnavailableException e) {
                if (old != null) {
                    state = GitModelState.READY; // the previous model still serves
                }
                throw e;
            }
            boolean drained;
            try {
                drained = slots.tryAcquire(concurrency, acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drained = false;
            }
            if (old != null) {
                if (drained) {
                    old.close();
                } else {
                    log.warn("calls on the previous model still ran after {}; leaving its memory to the GC",
                            acquireTimeout);
                }
            }
            if (drained) {
                slots.release(concurrency);
            }
        }
    }

    private void load() {
        if (state == GitModelState.CLOSED) {
            throw new GitModelUnavailableException("the model is closed", null);
        }
        state = GitModelState.LOADING;
        long start = System.nanoTime();
        try {
            ModelFolder folder = resolver.resolve();
            GitPlatform loaded = GitPlatform.open(settings, folder, batches);
            platform = loaded;
            lastFailure = null;
            state = GitModelState.READY;
            log.info("GIT model {} ({} parameters, {} on {}) loaded in {} ms; tasks {}", folder.name(),
                    loaded.pipeline().parameterCount(), loaded.pipeline().settings().dtype(),
                    loaded.pipeline().settings().device(), (System.nanoTime() - start) / 1_000_000,
                    loaded.tasks().stream().map(t -> t.id()).toList());
        } catch (RuntimeException | Error e) {
            lastFailure = e;
            state = GitModelState.FAILED;
            throw new GitModelUnavailableException("cannot load the GIT model: " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        running = true;
        switch (loading) {
            case STARTUP -> platform();
            case BACKGROUND -> {
                Thread loader = new Thread(this::loadInBackground, "git-model-loader");
                loader.setDaemon(true);
                loader.start();
            }
            case LAZY -> {
            }
        }
    }

    private void loadInBackground() {
        try {
            platform();
        } catch (GitModelUnavailableException e) {
            log.error("background load of the GIT model failed; the next request retries", e.getCause());
        }
    }

    /** Waits for running calls to finish (up to the acquire timeout), then stops the plugins and frees the model. */
    @Override
    public void stop() {
        running = false;
        boolean drained = slots.tryAcquire(concurrency);
        try {
            drained = drained || slots.tryAcquire(concurrency, acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (loadLock) {
            state = GitModelState.CLOSED;
            if (platform != null) {
                if (drained) {
                    platform.close();
                } else {
                    log.warn("GIT model calls still running after {}; leaving its memory to the JVM's exit",
                            acquireTimeout);
                }
                platform = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
