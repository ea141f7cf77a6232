package io.gitplatform.app.engine;

import io.gitplatform.app.config.BackendProperties;
import io.gitplatform.app.config.ModelProperties;
import io.gitplatform.app.config.PluginsProperties;
import io.gitplatform.core.hub.HubOptions;
import io.gitplatform.core.hub.ModelResolver;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.PlatformSettings;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The platform (plugins + the model on the configured backend). It loads in the background after start-up so that
 * liveness answers at once and readiness turns UP when the weights are in. Work runs under a read lock, so a reload
 * swaps the platform and closes the old one only once the work in flight on it is done.
 */
@Component
public class ModelHolder implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ModelHolder.class);

    private final ModelProperties model;
    private final BackendProperties backend;
    private final PluginsProperties plugins;
    private final AtomicReference<GitPlatform> platform = new AtomicReference<>();
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile String state = "loading";

    public ModelHolder(ModelProperties model, BackendProperties backend, PluginsProperties plugins) {
        this.model = model;
        this.backend = backend;
        this.plugins = plugins;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadInBackground() {
        Thread t = new Thread(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                // reported by reload and by the readiness state
            }
        }, "git-model-loader");
        t.setDaemon(true);
        t.start();
    }

    /** Resolves the configured model, opens it with the plugins and swaps it in. */
    public synchronized void reload() {
        state = platform.get() == null ? "loading" : "reloading";
        try {
            long start = System.nanoTime();
            ModelFolder folder = new ModelResolver(HubOptions.defaults().withOffline(model.offline()))
                    .resolve(model.source(), model.revision());
            GitPlatform loaded = GitPlatform.open(new PlatformSettings(plugins.settings(), backend.settings()), folder);
            inUse.writeLock().lock();
            try {
                GitPlatform old = platform.getAndSet(loaded);
                if (old != null) {
                    old.close();
                }
            } finally {
                inUse.writeLock().unlock();
            }
            state = "ready";
            log.info("model {} loaded in {} ms ({} parameters, {} tasks from plugins)", folder.name(),
                    (System.nanoTime() - start) / 1_000_000, loaded.pipeline().parameterCount(), loaded.tasks().size());
        } catch (RuntimeException e) {
            state = platform.get() == null ? "failed: " + e.getMessage()
                    : "ready (reload failed: " + e.getMessage() + ")";
            log.error("model load failed: {}", e.toString());
            throw e;
        }
    }

    /** Runs work on the platform; throws {@link ModelNotReadyException} (503) while there is none. */
    public <T> T withPlatform(Function<GitPlatform, T> work) {
        inUse.readLock().lock();
        try {
            return work.apply(platform());
        } finally {
            inUse.readLock().unlock();
        }
    }

    /** Runs model work on the pipeline (see {@link #withPlatform}). */
    public <T> T withPipeline(Function<GitPipeline, T> work) {
        return withPlatform(p -> work.apply(p.pipeline()));
    }

    /** The platform for a quick look (name, frames, plugin list); model work goes through {@link #withPlatform}. */
    public GitPlatform platform() {
        GitPlatform p = platform.get();
        if (p == null) {
            throw new ModelNotReadyException("the model is not loaded yet (" + state + ")");
        }
        return p;
    }

    /** The model for a quick look; see {@link #platform()}. */
    public GitPipeline pipeline() {
        return platform().pipeline();
    }

    public boolean ready() {
        return platform.get() != null;
    }

    public String state() {
        return state;
    }

    /** The loaded model's name, or null. */
    public String modelName() {
        GitPlatform p = platform.get();
        return p == null ? null : p.pipeline().folder().name();
    }

    @Override
    public void destroy() {
        inUse.writeLock().lock();
        try {
            GitPlatform p = platform.getAndSet(null);
            if (p != null) {
                p.close();
            }
        } finally {
            inUse.writeLock().unlock();
        }
    }
}
