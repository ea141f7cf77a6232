package io.gitplatform.core.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's book-keeping for one loaded plugin: whether it takes calls, the calls in flight, and its errors as
 * text. It holds no plugin object, so dropping the plugin's extensions from the registry is enough to free its
 * class loader.
 */
final class PluginSlot {
    private static final Logger log = LoggerFactory.getLogger(PluginSlot.class);
    final String id;
    /** Calls hold the read side; stopping takes the write side to wait for them. */
    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    private volatile boolean active;
    private volatile String lastError;
    private final AtomicLong failures = new AtomicLong();
    /** The extension points its extensions implemented when it last started. */
    private volatile List<String> extensionPoints = List.of();

    PluginSlot(String id) {
        this.id = id;
    }

    /** Enters a call; false when the plugin is stopping or stopped. Pair a true with {@link #exit()}. */
    boolean enter() {
        if (!calls.readLock().tryLock()) {
            return false;
        }
        if (!active) {
            calls.readLock().unlock();
            return false;
        }
        return true;
    }

    void exit() {
        calls.readLock().unlock();
    }

    void activate(List<String> points) {
        extensionPoints = List.copyOf(points);
        active = true;
    }

    /**
     * Refuses new calls and waits up to {@code patience} for running ones.
     *
     * @return false when calls were still running when the patience ran out
     */
    boolean deactivate(long patience, TimeUnit unit) {
        active = false;
        try {
            if (calls.writeLock().tryLock(patience, unit)) {
                calls.writeLock().unlock();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean active() {
        return active;
    }

    /** Logs a failure of this plugin and keeps it, as text, as the last error. */
    void fail(String error, Throwable cause) {
        log.warn("plugin {}: {}", id, error, cause);
        lastError = error;
        failures.incrementAndGet();
    }

    String lastError() {
        return lastError;
    }

    long failures() {
        return failures.get();
    }

    List<String> extensionPoints() {
        return new ArrayList<>(extensionPoints);
    }
}
