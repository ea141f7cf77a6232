package io.gitplatform.core.batch;

import java.time.Duration;

/** The batch queue is full (or shutting down): the caller should retry after {@link #retryAfter()}. */
public class QueueFullException extends RuntimeException {
    private final Duration retryAfter;

    public QueueFullException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
