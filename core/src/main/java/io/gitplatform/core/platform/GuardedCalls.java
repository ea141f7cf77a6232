package io.gitplatform.core.platform;

import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.CancellationFlag;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls into plugin code with guards: each call runs on a worker thread with the plugin's class loader as context
 * loader, under the task timeout, and whatever it throws is summarised as the plugin's last error and turned into a
 * {@link TaskFailedException} (request errors keep their type), so one broken plugin never takes the others down.
 */
final class GuardedCalls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GuardedCalls.class);
    private static final ClassLoader PLATFORM_LOADER = GuardedCalls.class.getClassLoader();

    private final Duration timeout;
    private final Function<String, ClassLoader> loaders;
    private final ExecutorService workers;

    /** @param loaders a plugin's class loader by plugin id */
    GuardedCalls(Duration timeout, Function<String, ClassLoader> loaders) {
        this.timeout = timeout;
        this.loaders = loaders;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "git-task-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(PLATFORM_LOADER); // never inherit a plugin's loader from the creating thread
            return t;
        });
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code body} in the plugin of {@code slot}. {@code onEnd} runs exactly once, when the body has really
     * ended, or at once when the call is given up before the body started.
     */
    <T> T call(PluginSlot slot, String what, CancellationFlag cancellation, Callable<T> body, Runnable onEnd) {
        ClassLoader loader = loaders.apply(slot.id);
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
                    thread.setContextClassLoader(PLATFORM_LOADER);
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
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            giveUp(future, cancellation, claimed, onEnd);
            String error = what + " did not finish within " + timeout.toMillis() + " ms and was cancelled";
            slot.fail(error, null);
            throw new TaskTimeoutException(slot.id, error);
        } catch (InterruptedException e) {
            giveUp(future, cancellation, claimed, onEnd);
            Thread.currentThread().interrupt();
            throw new CancellationException(what + " was interrupted");
        } catch (ExecutionException e) {
            throw translate(slot, what, e.getCause());
        }
    }

    /**
     * Runs plugin life-cycle code (a plugin's {@code start()}) on a worker under the timeout: one that never returns
     * must not hold up the platform.
     *
     * @throws TimeoutException when it ran too long (it is interrupted)
     */
    <T> T bounded(Callable<T> body) throws TimeoutException, InterruptedException, ExecutionException {
        Future<T> future = workers.submit(body);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
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

    private static RuntimeException translate(PluginSlot slot, String what, Throwable cause) {
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
        slot.fail(error, cause);
        return new TaskFailedException(slot.id, error);
    }

    /** Stops the worker threads, interrupting calls still running. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("plugin calls still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown on a worker when the plugin stopped between lookup and call. */
    private static final class PluginStoppedException extends RuntimeException {
        PluginStoppedException() {
            super(null, null, false, false);
        }
    }
}
