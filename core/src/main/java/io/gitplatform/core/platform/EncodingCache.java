package io.gitplatform.core.platform;

import io.gitplatform.core.batch.SharedEncoding;
import io.gitplatform.spi.TaskInput;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The encodings of one request, by input object: every call about the same input shares one vision pass (its slot in
 * a batched pass). Reference-counted: the owner and every running task hold it, and the last to let go releases the
 * slots, so a task that outlives its timeout never sees its encoding freed under it.
 */
public final class EncodingCache implements AutoCloseable {
    private final Map<TaskInput, CompletableFuture<SharedEncoding.Slot>> slots = new IdentityHashMap<>();
    private int holders = 1;
    private boolean ownerClosed;
    private long encodeNanos;

    /**
     * The input's slot, or null when this caller is to encode it: it then gets a promise it must
     * {@link #fulfil} or {@link #fail}, and later callers for the same input wait for it instead of encoding again.
     */
    synchronized CompletableFuture<SharedEncoding.Slot> claim(TaskInput input) {
        checkHeld();
        CompletableFuture<SharedEncoding.Slot> existing = slots.get(input);
        if (existing == null || existing.isCompletedExceptionally()) {
            slots.put(input, new CompletableFuture<>());
            return null;
        }
        return existing;
    }

    /** The slot of an input this cache has encoded (after {@link #fulfil}). */
    synchronized SharedEncoding.Slot encoded(TaskInput input) {
        checkHeld();
        CompletableFuture<SharedEncoding.Slot> done = slots.get(input);
        SharedEncoding.Slot slot = done == null ? null : done.getNow(null);
        if (slot == null) {
            throw new IllegalStateException("input " + input + " is not encoded in this request");
        }
        return slot;
    }

    /** Stores the slot a pass made for {@code input} (released with the cache) and wakes those who wait for it. */
    synchronized void fulfil(TaskInput input, SharedEncoding.Slot slot, long nanos) {
        CompletableFuture<SharedEncoding.Slot> promise = slots.get(input);
        // Completed under the lock (waiters only block in get()), so release() never misses a slot.
        if (holders == 0 || promise == null || !promise.complete(slot)) {
            slot.release();
            return;
        }
        encodeNanos += nanos;
    }

    /** The pass for {@code input} failed or was cancelled: the next caller encodes it again. */
    void fail(TaskInput input, Throwable cause) {
        CompletableFuture<SharedEncoding.Slot> promise;
        synchronized (this) {
            promise = slots.get(input);
        }
        if (promise != null) {
            promise.completeExceptionally(cause);
        }
    }

    /** Vision time spent by this cache so far. */
    public synchronized long encodeNanos() {
        return encodeNanos;
    }

    private void checkHeld() {
        if (holders == 0) {
            throw new IllegalStateException("this request's encodings were already released");
        }
    }

    synchronized void retain() {
        checkHeld();
        holders++;
    }

    synchronized void release() {
        if (holders > 0 && --holders == 0) {
            for (CompletableFuture<SharedEncoding.Slot> promise : slots.values()) {
                SharedEncoding.Slot slot = promise.getNow(null);
                if (slot != null) {
                    slot.release();
                } else {
                    promise.cancel(false);
                }
            }
            slots.clear();
        }
    }

    /** The owner lets go; the tensors are freed once no task uses them. */
    @Override
    public synchronized void close() {
        if (!ownerClosed) {
            ownerClosed = true;
            release();
        }
    }
}
