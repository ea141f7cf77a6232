package io.gitplatform.spi;

import java.time.Duration;

/**
 * Where a request's time went.
 *
 * @param encode    the vision passes this request ran (zero when its encoding was already cached)
 * @param total     from the start of the request to the result
 * @param queue     time its generations waited for a batch
 * @param generate  time in generation loops (shared with the requests batched with it)
 * @param batchSize the most requests one of its forward passes served (1: it ran alone; 0: it ran none)
 */
public record TaskTimings(Duration encode, Duration total, Duration queue, Duration generate, int batchSize) {

    public TaskTimings(Duration encode, Duration total) {
        this(encode, total, Duration.ZERO, Duration.ZERO, 0);
    }
}
