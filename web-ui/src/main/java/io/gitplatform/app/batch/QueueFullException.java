package io.gitplatform.app.batch;

import java.time.Duration;

/** The batch queue is full (or shutting down): answered with 503 and Retry-After. */
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
