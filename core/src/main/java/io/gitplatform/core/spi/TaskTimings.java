package io.gitplatform.core.spi;

import java.time.Duration;

/**
 * Where a request's time went.
 *
 * @param encode the vision passes this request ran (zero when its encoding was already cached)
 * @param total  from the start of the request to the result
 */
public record TaskTimings(Duration encode, Duration total) {
}
