package io.gitplatform.core.batch;

import java.time.Duration;

/**
 * Dynamic batching: concurrent generations for inputs of the same kind and frame count, with equal settings, share
 * one vision pass and one generation loop.
 *
 * @param enabled       false runs every generation alone (a batch of one)
 * @param maxBatchSize  most requests in one forward pass
 * @param maxWait       how long the first request of a batch waits for company
 * @param queueCapacity requests waiting at most; more are refused with {@link QueueFullException}
 * @param retryAfter    the advice a refused caller gets
 */
public record BatchSettings(boolean enabled, int maxBatchSize, Duration maxWait, int queueCapacity,
        Duration retryAfter) {

    public static final BatchSettings DEFAULTS = new BatchSettings(true, 8, Duration.ofMillis(10), 256,
            Duration.ofSeconds(1));

    public BatchSettings {
        if (maxBatchSize < 1 || queueCapacity < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("batching needs max-batch-size >= 1, queue-capacity >= 1 and a"
                    + " non-negative max-wait");
        }
    }

    /** The batch size in force: 1 when batching is off. */
    public int effectiveBatchSize() {
        return enabled ? maxBatchSize : 1;
    }
}
