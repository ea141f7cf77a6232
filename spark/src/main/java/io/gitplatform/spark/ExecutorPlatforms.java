package io.gitplatform.spark;

import io.gitplatform.core.platform.GitPlatform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platforms of this JVM: opened lazily by the first task that needs one, then shared by every task thread of the
 * executor (a model is loaded once per executor, not per partition), and closed when the executor stops
 * ({@link GitSparkPlugin}). Also the executor's pool of row threads, which keeps several rows of a partition in flight.
 */
public final class ExecutorPlatforms {
    private static final Logger log = LoggerFactory.getLogger(ExecutorPlatforms.class);
    private static final Map<PlatformSpec, GitPlatform> OPEN = new LinkedHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();
    private static ExecutorService rows;

    private ExecutorPlatforms() {
    }

    /** The platform for {@code spec}, opening it on first use; task threads asking meanwhile wait for that one. */
    public static synchronized GitPlatform get(PlatformSpec spec) {
        GitPlatform platform = OPEN.get(spec);
        if (platform == null) {
            long start = System.nanoTime();
            platform = spec.open();
            OPEN.put(spec, platform);
            OPENED.incrementAndGet();
            log.info("opened {} on {} {} in {} ms", platform.pipeline().folder().name(),
                    platform.pipeline().settings().device(), platform.pipeline().settings().dtype(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return platform;
    }

    /** Platforms open now in this JVM. */
    public static synchronized int openCount() {
        return OPEN.size();
    }

    /** Platforms opened in this JVM since it started (a second open of one spec means it was closed between). */
    public static int openedTotal() {
        return OPENED.get();
    }

    /** Daemon threads that decode and run rows; partitions bound how many rows each keeps in flight. */
    static synchronized ExecutorService rowThreads() {
        if (rows == null) {
            AtomicInteger n = new AtomicInteger();
            rows = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "git-spark-row-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return rows;
    }

    /** Closes every platform (frees the model's native memory and stops the plugins) and the row threads. */
    public static synchronized void closeAll() {
        for (Map.Entry<PlatformSpec, GitPlatform> e : OPEN.entrySet()) {
            try {
                e.getValue().close();
                log.info("closed the platform of {}", e.getKey().model());
            } catch (RuntimeException failure) {
                log.warn("closing the platform of {} failed: {}", e.getKey().model(), failure.toString());
            }
        }
        OPEN.clear();
        if (rows != null) {
            rows.shutdownNow();
            rows = null;
        }
    }
}
