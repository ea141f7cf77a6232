package io.gitplatform.core.platform;

import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.spi.TaskInput;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The encodings of one request, by input object: several sub-requests about the same input share one vision pass.
 * Reference-counted: the owner and every running task hold it, and the last to let go frees the tensors, so a task
 * that outlives its timeout never sees its encoding closed under it.
 */
public final class EncodingCache implements AutoCloseable {
    private final Map<TaskInput, EncodedInput> encodings = new IdentityHashMap<>();
    private int holders = 1;
    private boolean ownerClosed;
    private long encodeNanos;

    /** The cached encoding of {@code input}, encoding it with {@code pipeline} on first use. */
    public synchronized EncodedInput encode(GitPipeline pipeline, TaskInput input) {
        if (holders == 0) {
            throw new IllegalStateException("this request's encodings were already released");
        }
        EncodedInput cached = encodings.get(input);
        if (cached == null) {
            // Held under the lock: a second sub-request for the same input waits instead of encoding it again.
            cached = pipeline.encode(input.frames(), input.video());
            encodeNanos += cached.encodeNanos();
            encodings.put(input, cached);
        }
        return cached;
    }

    /** Vision time spent by this cache so far. */
    public synchronized long encodeNanos() {
        return encodeNanos;
    }

    synchronized void retain() {
        if (holders == 0) {
            throw new IllegalStateException("this request's encodings were already released");
        }
        holders++;
    }

    synchronized void release() {
        if (holders > 0 && --holders == 0) {
            encodings.values().forEach(EncodedInput::close);
            encodings.clear();
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
