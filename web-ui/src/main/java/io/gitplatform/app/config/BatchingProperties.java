package io.gitplatform.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dynamic batching ({@code git.batching.*}): concurrent caption and question requests for inputs of the same kind and
 * frame count, with equal generation settings, share one vision pass and one generation loop.
 *
 * @param enabled       false runs every request alone (a batch of one)
 * @param maxBatchSize  most requests in one forward pass
 * @param maxWait       how long the first request of a batch waits for company
 * @param queueCapacity requests waiting at most; more are refused with 503 and Retry-After
 * @param retryAfter    the Retry-After advice on a full queue
 */
@ConfigurationProperties("git.batching")
public record BatchingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8") int maxBatchSize,
        @DefaultValue("10ms") Duration maxWait,
        @DefaultValue("256") int queueCapacity,
        @DefaultValue("1s") Duration retryAfter) {

    public BatchingProperties {
        if (maxBatchSize < 1 || queueCapacity < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("git.batching needs max-batch-size >= 1, queue-capacity >= 1 and a"
                    + " non-negative max-wait");
        }
    }

    /** The batch size in force: 1 when batching is off. */
    public int effectiveBatchSize() {
        return enabled ? maxBatchSize : 1;
    }
}
