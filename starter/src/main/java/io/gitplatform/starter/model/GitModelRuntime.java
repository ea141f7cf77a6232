package io.gitplatform.starter.model;

import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.starter.GitBusyException;
import io.gitplatform.starter.GitModelUnavailableException;
import io.gitplatform.starter.autoconfigure.GitProperties.Loading;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The loaded model, with when it loads ({@link Loading}), a readiness {@link #state()}, and a gate that lets
 * {@code concurrency} model calls run at once. Loading never happens in the constructor, so a context with the
 * default lazy loading refreshes without reading the weights.
 */
public class GitModelRuntime implements SmartLifecycle {

    /** Before the web server starts (so STARTUP loading gates traffic) and stopped after it drained. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(GitModelRuntime.class);

    private final GitModelResolver resolver;
    private final Supplier<EngineSettings> engine;
    private final Loading loading;
    private final int concurrency;
    private final Semaphore slots;
    private final Duration acquireTimeout;
    private final Object loadLock = new Object();

    private volatile GitPipeline pipeline;
    private volatile GitModelState state = GitModelState.NOT_LOADED;
    private volatile Throwable lastFailure;
    private volatile boolean running;

    /** @param engine chooses device, dtype and threads, once, right before the model is loaded */
    public GitModelRuntime(GitModelResolver resolver, Supplier<EngineSettings> engine, Loading loading,
            int concurrency, Duration acquireTimeout) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("git.limits.concurrency must be at least 1, got " + concurrency);
        }
        this.resolver = resolver;
        this.engine = engine;
        this.loading = loading;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency, true);
        this.acquireTimeout = acquireTimeout;
    }

    public GitModelState state() {
        return state;
    }

    /** Why the last load failed, or null. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** The loaded model's name, or null before it is loaded. */
    public String modelName() {
        GitPipeline p = pipeline;
        return p == null ? null : p.folder().name();
    }

    /** The loaded pipeline, loading it first if needed (callers wait for a load in progress). */
    public GitPipeline pipeline() {
        GitPipeline p = pipeline;
        if (p != null) {
            return p;
        }
        synchronized (loadLock) {
            if (pipeline == null) {
                load();
            }
            return pipeline;
        }
    }

    /**
     * Runs one model call once a slot is free. The model is loaded before waiting for a slot, so a long first load
     * does not count against the acquire timeout.
     *
     * @throws GitBusyException when no slot frees up within {@code git.limits.acquire-timeout}
     */
    public <T> T call(Function<GitPipeline, T> work) {
        GitPipeline p = pipeline();
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
            return work.apply(p);
        } finally {
            slots.release();
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
            EngineSettings settings = engine.get();
            GitPipeline loaded = GitPipeline.open(folder, settings);
            pipeline = loaded;
            lastFailure = null;
            state = GitModelState.READY;
            log.info("GIT model {} ({} parameters, {} on {}) loaded in {} ms", loaded.folder().name(),
                    loaded.parameterCount(), settings.dtype(), settings.device(),
                    (System.nanoTime() - start) / 1_000_000);
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
            case STARTUP -> pipeline();
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
            pipeline();
        } catch (GitModelUnavailableException e) {
            log.error("background load of the GIT model failed; the next request retries", e.getCause());
        }
    }

    /** Waits for running calls to finish (up to the acquire timeout), then frees the model's native memory. */
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
            if (pipeline != null) {
                if (drained) {
                    pipeline.close();
                } else {
                    log.warn("GIT model calls still running after {}; leaving its memory to the JVM's exit",
                            acquireTimeout);
                }
                pipeline = null;
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
