package io.gitplatform.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Asynchronous jobs ({@code git.jobs.*}), kept in a database that every replica shares.
 *
 * @param maxJobs   jobs accepted and not yet finished at most; past it a new job is refused with 503
 * @param retention how long a finished job (its result or problem) is kept
 * @param timeout   wall-clock budget of one run of a job
 * @param store     the database
 * @param worker    whether and how this replica runs jobs
 * @param maxParts  partial results (a timeline's segments) stored per job at most, for its events; later ones are
 *                  only in the final result
 */
@ConfigurationProperties("git.jobs")
public record JobsProperties(
        @DefaultValue("1000") int maxJobs,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue Store store,
        @DefaultValue Worker worker,
        @DefaultValue("1000") int maxParts) {

    /**
     * @param url      JDBC URL: {@code jdbc:h2:file:...} (embedded, one process) or {@code jdbc:postgresql://...}
     * @param username database user
     * @param password its password
     * @param poolSize connections at most
     */
    public record Store(
            @DefaultValue("jdbc:h2:file:./data/jobs") String url,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("8") int poolSize) {
    }

    /**
     * @param enabled      false: this replica accepts jobs and serves their state, others run them
     * @param concurrency  jobs this replica runs at once (generation itself goes through the shared batcher)
     * @param lease        how long a claimed job stays this replica's without a heartbeat; after it another replica
     *                     may run the job again
     * @param pollInterval how often an idle worker looks for work, and how often progress is written
     * @param maxAttempts  runs of one job at most (a job whose replica keeps dying is then failed)
     */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2") int concurrency,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("3") int maxAttempts) {
    }
}
