package io.gitplatform.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Asynchronous jobs ({@code git.jobs.*}).
 *
 * @param maxJobs  jobs kept at most, running and finished; when full the oldest finished job is dropped, and with none
 *                 finished a new job is refused with 503
 * @param ttl      how long a finished job's result is kept
 * @param workers  jobs decoding at once (generation itself goes through the shared batcher)
 * @param timeout  wall-clock budget of one job
 */
@ConfigurationProperties("git.jobs")
public record JobsProperties(
        @DefaultValue("1000") int maxJobs,
        @DefaultValue("1h") Duration ttl,
        @DefaultValue("2") int workers,
        @DefaultValue("30m") Duration timeout) {
}
