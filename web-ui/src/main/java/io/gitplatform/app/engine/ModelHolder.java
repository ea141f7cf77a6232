package io.gitplatform.app.engine;

import ai.djl.Device;
import io.gitplatform.app.config.BackendProperties;
import io.gitplatform.app.config.ModelProperties;
import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import java.nio.file.Path;
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
 * The loaded model. It loads in the background after start-up so that liveness answers at once and readiness turns
 * UP when the weights are in. Work runs under a read lock, so a reload swaps the pipeline and closes the old one only
 * once the work in flight on it is done.
 */
@Component
public class ModelHolder implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ModelHolder.class);

    private final ModelProperties properties;
    private final BackendProperties backend;
    private final AtomicReference<GitPipeline> pipeline = new AtomicReference<>();
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile String state = "loading";

    public ModelHolder(ModelProperties properties, BackendProperties backend) {
        this.properties = properties;
        this.backend = backend;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadInBackground() {
        Thread t = new Thread(this::reload, "git-model-loader");
        t.setDaemon(true);
        t.start();
    }

    /** Loads the configured model and swaps it in; requests in flight finish on the old one. */
    public synchronized void reload() {
        state = pipeline.get() == null ? "loading" : "reloading";
        try {
            long start = System.nanoTime();
            GitPipeline loaded = GitPipeline.open(folder(), settings());
            inUse.writeLock().lock();
            try {
                GitPipeline old = pipeline.getAndSet(loaded);
                if (old != null) {
                    old.close();
                }
            } finally {
                inUse.writeLock().unlock();
            }
            state = "ready";
            log.info("model {} loaded in {} ms ({} parameters)", loaded.folder().name(),
                    (System.nanoTime() - start) / 1_000_000, loaded.parameterCount());
        } catch (RuntimeException e) {
            state = pipeline.get() == null ? "failed: " + e.getMessage() : "ready (reload failed: " + e.getMessage() + ")";
            log.error("model load failed: {}", e.toString());
            throw e;
        }
    }

    private ModelFolder folder() {
        if (properties.source() == null || properties.source().isBlank() || properties.source().equals("embedded")) {
            return EmbeddedModel.folder(EmbeddedModel.defaultCacheRoot());
        }
        return ModelFolder.read(Path.of(properties.source()));
    }

    private EngineSettings settings() {
        return new EngineSettings(Device.cpu(), EngineSettings.parseDtype(backend.dtype()), backend.threads());
    }

    /** Runs model work; throws {@link ModelNotReadyException} (503) while there is no model. */
    public <T> T withPipeline(Function<GitPipeline, T> work) {
        inUse.readLock().lock();
        try {
            return work.apply(pipeline());
        } finally {
            inUse.readLock().unlock();
        }
    }

    /** The model for a quick look (name, frames); model work goes through {@link #withPipeline}. */
    public GitPipeline pipeline() {
        GitPipeline p = pipeline.get();
        if (p == null) {
            throw new ModelNotReadyException("the model is not loaded yet (" + state + ")");
        }
        return p;
    }

    public boolean ready() {
        return pipeline.get() != null;
    }

    public String state() {
        return state;
    }

    /** The loaded model's name, or null. */
    public String modelName() {
        GitPipeline p = pipeline.get();
        return p == null ? null : p.folder().name();
    }

    @Override
    public void destroy() {
        inUse.writeLock().lock();
        try {
            GitPipeline p = pipeline.getAndSet(null);
            if (p != null) {
                p.close();
            }
        } finally {
            inUse.writeLock().unlock();
        }
    }
}
