package io.gitplatform.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.gitplatform.app.config.JobsProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The store's claims, heartbeats and completions on a real (in-memory) H2 migrated by the server's Flyway setup. */
class JobStoreTests {
    private static final JobRequest CAPTION = new JobRequest("caption", Map.of("max_new_tokens", List.of("5")),
            new byte[] {1, 2, 3}, "a.png");
    private HikariDataSource dataSource;
    private JobStore store;

    @BeforeEach
    void open() {
        JobsProperties properties = new JobsProperties(10, java.time.Duration.ofHours(1),
                java.time.Duration.ofMinutes(1), new JobsProperties.Store("jdbc:h2:mem:" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1", "", "", 4), null, 1000);
        dataSource = new JobsConfig().jobsDataSource(properties);
        store = new JobStore(new JdbcTemplate(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aClaimCarriesTheRequestAsItWasStored() {
        store.insert("j1", CAPTION, 5, 1000);
        Claim claim = store.claim("a", 2000, 32000, 3).orElseThrow();
        assertThat(claim.attempt()).isEqualTo(1);
        assertThat(claim.request().task()).isEqualTo("caption");
        assertThat(claim.request().options()).isEqualTo(CAPTION.options());
        assertThat(claim.request().upload()).containsExactly(1, 2, 3);
        assertThat(claim.request().fileName()).isEqualTo("a.png");
        assertThat(store.claim("b", 2000, 32000, 3)).isEmpty();
    }

    @Test
    void partsAreKeptInOrderForTheCurrentAttemptOnlyAndGoWithTheirJob() {
        store.insert("p1", CAPTION, 5, 1000);
        Claim first = store.claim("a", 2000, 3000, 3).orElseThrow();
        int from = store.restartParts("p1");
        assertThat(store.addPart(first, from, "segment", "{\"n\":0}", 2100)).isTrue();
        assertThat(store.addPart(first, from + 1, "segment", "{\"n\":1}", 2200)).isTrue();
        assertThat(store.parts("p1", -1)).extracting(JobPart::body).containsExactly("{\"n\":0}", "{\"n\":1}");
        assertThat(store.parts("p1", from)).extracting(JobPart::seq).containsExactly(from + 1);
        // The lease runs out and another replica runs the job again: the old runner's parts are refused, the new
        // attempt's numbered after every earlier one.
        Claim second = store.claim("b", 5000, 60_000, 3).orElseThrow();
        assertThat(store.addPart(first, from + 2, "segment", "{\"n\":2}", 5100)).isFalse();
        int again = store.restartParts("p1");
        assertThat(again).isEqualTo(from + 2);
        assertThat(store.parts("p1", -1)).isEmpty();
        assertThat(store.addPart(second, again, "segment", "{\"m\":0}", 5200)).isTrue();
        assertThat(store.complete(second, JobStatus.SUCCEEDED, 0, 0, "{}", null, 6000)).isTrue();
        assertThat(store.addPart(second, again + 1, "segment", "{\"m\":1}", 6100)).as("finished").isFalse();
        assertThat(store.parts("p1", -1)).hasSize(1);
        store.purge(7000);
        assertThat(store.parts("p1", -1)).isEmpty();
    }

    @Test
    void racingReplicasClaimEachJobOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            store.insert("j" + i, CAPTION, 5, i);
        }
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger doubles = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String owner = "replica" + t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                Optional<Claim> c;
                while ((c = store.claim(owner, 100, 60_000, 3)).isPresent()) {
                    if (claimedBy.putIfAbsent(c.get().id(), owner) != null) {
                        doubles.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(claimedBy).hasSize(40);
        assertThat(doubles).hasValue(0);
    }

    @Test
    void anExpiredLeaseLetsAnotherReplicaRunTheJobAndOnlyItsOutcomeCounts() {
        store.insert("j1", CAPTION, 5, 0);
        Claim first = store.claim("a", 1000, 2000, 3).orElseThrow();
        assertThat(store.claim("b", 1500, 3500, 3)).isEmpty(); // lease still held
        Claim second = store.claim("b", 2500, 4500, 3).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(store.heartbeat(first, JobStatus.GENERATING, 1, 2, 2600, 5000)).isFalse();
        assertThat(store.complete(first, JobStatus.SUCCEEDED, 1, 2, "\"late\"", null, 2700)).isFalse();
        assertThat(store.complete(second, JobStatus.SUCCEEDED, 1, 3, "\"ok\"", null, 2800)).isTrue();
        assertThat(store.complete(second, JobStatus.SUCCEEDED, 1, 3, "\"again\"", null, 2900)).isFalse();
        StoredJob job = store.find("j1").orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.result()).isEqualTo("\"ok\"");
        assertThat(job.finishedAt()).isEqualTo(2800);
    }

    /** A cancel between two heartbeats stays a cancel: the worker's next write is refused and tells it to stop. */
    @Test
    void aCancelFromAnyReplicaStopsTheRunAndIsNotRevived() {
        store.insert("j1", CAPTION, 5, 0);
        Claim claim = store.claim("a", 1000, 31000, 3).orElseThrow();
        assertThat(store.heartbeat(claim, JobStatus.GENERATING, 1, 1, 1100, 31100)).isTrue();
        assertThat(store.cancel("j1", 1200)).isTrue();
        assertThat(store.heartbeat(claim, JobStatus.GENERATING, 1, 2, 1300, 31300)).isFalse();
        assertThat(store.complete(claim, JobStatus.SUCCEEDED, 1, 3, "\"x\"", null, 1400)).isFalse();
        assertThat(store.find("j1").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.cancel("j1", 1500)).isFalse();
    }

    @Test
    void aReleasedJobIsQueuedAgainWithoutUsingAnAttempt() {
        store.insert("j1", CAPTION, 5, 0);
        Claim claim = store.claim("a", 1000, 31000, 1).orElseThrow();
        assertThat(store.release(claim, 1100)).isTrue();
        StoredJob job = store.find("j1").orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.attempts()).isZero();
        assertThat(store.claim("b", 1200, 31200, 1)).isPresent();
    }

    @Test
    void aJobWhoseRunnerKeepsDyingIsFailedAfterMaxAttempts() {
        store.insert("j1", CAPTION, 5, 0);
        store.claim("a", 1000, 2000, 2).orElseThrow();
        store.claim("b", 3000, 4000, 2).orElseThrow();
        assertThat(store.claim("c", 5000, 6000, 2)).isEmpty();
        StoredJob job = store.find("j1").orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains("Job abandoned");
    }

    @Test
    void finishedJobsArePurgedAfterRetentionAndQueuedOnesCount() {
        store.insert("j1", CAPTION, 5, 0);
        store.insert("j2", CAPTION, 5, 0);
        assertThat(store.unfinished()).isEqualTo(2);
        store.cancel("j1", 1000);
        assertThat(store.unfinished()).isEqualTo(1);
        assertThat(store.purge(999)).isZero();
        assertThat(store.purge(1001)).isEqualTo(1);
        assertThat(store.find("j1")).isEmpty();
        assertThat(store.find("j2")).isPresent();
    }
}
