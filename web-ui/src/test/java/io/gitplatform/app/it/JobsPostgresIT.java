package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitplatform.app.it.Samples.Sample;
import io.gitplatform.core.media.ShapeVideos;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Replicas sharing one real PostgreSQL ({@code .ci/postgres} starts it from Debian's package and exports
 * {@code GIT_JOBS_TEST_POSTGRES_URL}; without it the test is skipped, except in CI). Replica A only accepts jobs
 * (worker disabled); B and C run them. The batcher waits 3 s for company before each batch, which keeps a job
 * "generating" long enough to be cancelled or to have its replica killed under it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsPostgresIT {
    private static final String URL = System.getenv("GIT_JOBS_TEST_POSTGRES_URL");
    private static final List<ServerProcess> servers = new ArrayList<>();
    private static ServerProcess a;
    private static ServerProcess b;
    private static ServerProcess c;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(URL != null || System.getenv("CI") != null, "GIT_JOBS_TEST_POSTGRES_URL not set (see .ci/postgres)");
        assertThat(URL).as("CI must start PostgreSQL (.ci/postgres) and set GIT_JOBS_TEST_POSTGRES_URL").isNotNull();
        try (Connection db = DriverManager.getConnection(URL, "git", "git"); Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS git_job_part, git_job, git_job_schema_history"); // a fresh schema for this run
        }
        a = replica("pg-a", "--git.jobs.worker.enabled=false");
        b = replica("pg-b");
        c = replica("pg-c");
        for (ServerProcess s : servers) {
            s.awaitReady();
        }
    }

    private static ServerProcess replica(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--git.jobs.store.url=" + URL, "--git.jobs.store.username=git",
                "--git.jobs.store.password=git", "--git.jobs.worker.lease=3s", "--git.jobs.worker.poll-interval=100ms",
                "--git.batching.max-wait=3s"));
        args.addAll(List.of(extra));
        ServerProcess s = ServerProcess.start(name, List.of("-Xmx512m"), args.toArray(String[]::new));
        servers.add(s);
        return s;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ServerProcess s : servers) {
            if (s.alive()) {
                s.close();
            }
        }
    }

    @Test
    @Order(1)
    void aJobSubmittedToAnAcceptOnlyReplicaRunsElsewhereAndAnyReplicaServesIt() throws Exception {
        Sample s = Samples.named("clip3");
        String id = JobClient.caption(a.http(), s);
        List<String> events = new ArrayList<>();
        for (String line : a.http().get("/api/v1/jobs/" + id + "/events").body().split("\n")) {
            if (line.startsWith("event:")) {
                events.add(line.substring(6).strip());
            }
        }
        assertThat(events).contains("progress").last().isEqualTo("succeeded");
        JsonNode viaA = JobClient.get(a.http(), id);
        JsonNode viaB = JobClient.get(b.http(), id);
        assertThat(viaA.at("/result/caption").asString()).isEqualTo(s.referenceCaption());
        assertThat(viaA.get("progress").get("frames_decoded").asInt()).isEqualTo(6);
        assertThat(viaB).isEqualTo(viaA);
        assertThat(ranOn(id)).isNotEqualTo(a).isIn(b, c);
    }

    @Test
    @Order(1)
    void aTimelineJobsSegmentsReachAnotherReplicasSubscriberBeforeItsEnd() throws Exception {
        List<java.awt.image.BufferedImage> frames = new ArrayList<>(ShapeVideos.render(new ShapeVideos.Scene(
                ShapeVideos.Shape.CIRCLE, ShapeVideos.ShapeColor.RED, ShapeVideos.Background.BLACK,
                ShapeVideos.Direction.RIGHT), 30));
        frames.addAll(ShapeVideos.render(new ShapeVideos.Scene(ShapeVideos.Shape.SQUARE, ShapeVideos.ShapeColor.BLUE,
                ShapeVideos.Background.WHITE, ShapeVideos.Direction.LEFT), 30));
        byte[] video = Files.readAllBytes(ShapeVideos.write(frames, 10, ShapeVideos.VideoFormat.MP4_H264,
                Files.createTempDirectory("pg-timeline").resolve("two.mp4")));
        var submitted = a.http().post("/api/v1/jobs", Http.form().file("two.mp4", video).field("task", "timeline"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = Http.json(submitted).get("id").asString();
        List<String> events = a.http().get("/api/v1/jobs/" + id + "/events").body().lines()
                .filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).filter(e -> !e.equals("progress"))
                .toList();
        // A only accepts jobs: the segments were stored by B or C and read back from PostgreSQL.
        assertThat(events).containsExactly("segment", "segment", "succeeded");
    }

    @Test
    @Order(2)
    void aCancelThroughOneReplicaStopsTheJobOnAnother() throws Exception {
        String id = JobClient.caption(b.http(), Samples.named("image1"));
        JobClient.awaitStatus(a.http(), id, "generating", Duration.ofSeconds(30));
        JsonNode cancelled = Http.json(a.http().delete("/api/v1/jobs/" + id));
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        Thread.sleep(4000); // past the batcher's wait: the runner must not revive it
        assertThat(JobClient.status(c.http(), id)).isEqualTo("cancelled");
        assertThat(a.http().get("/api/v1/jobs/" + id + "/events").body()).contains("event:cancelled");
        assertThat(JobClient.completions(List.of(b.log, c.log))).doesNotContainKey(id);
        ServerProcess runner = ranOn(id);
        assertThat(runner.logText()).contains("job " + id + " is no longer");
    }

    @Test
    @Order(3)
    void killingTheReplicaThatRunsAJobMakesAnotherFinishIt() throws Exception {
        Sample s = Samples.named("image5");
        String id = JobClient.caption(a.http(), s);
        JobClient.awaitStatus(a.http(), id, "generating", Duration.ofSeconds(30));
        ServerProcess runner = ranOn(id);
        ServerProcess other = runner == b ? c : b;
        runner.kill();
        JsonNode done = JobClient.awaitFinished(a.http(), id, Duration.ofSeconds(60));
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.at("/result/caption").asString()).isEqualTo(s.referenceCaption());
        assertThat(other.logText()).contains("job " + id + " (caption) attempt 2 runs on");
        Map<String, Integer> completions = JobClient.completions(List.of(b.log, c.log));
        assertThat(completions.get(id)).isEqualTo(1);
    }

    /** SIGTERM on the replica running a job hands the job back (lease released) instead of failing it. */
    @Test
    @Order(4)
    void aReplicaStoppingGracefullyHandsItsJobBack() throws Exception {
        ServerProcess runner = b.alive() ? b : c;
        Sample s = Samples.named("clip1");
        String id = JobClient.caption(a.http(), s);
        JobClient.awaitStatus(a.http(), id, "generating", Duration.ofSeconds(30));
        runner.close(); // SIGTERM: graceful shutdown
        assertThat(runner.logText()).contains("job " + id + " handed back to the queue");
        assertThat(JobClient.status(a.http(), id)).isEqualTo("queued");
        ServerProcess d = replica("pg-d");
        d.awaitReady();
        JsonNode done = JobClient.awaitFinished(a.http(), id, Duration.ofSeconds(60));
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.at("/result/caption").asString()).isEqualTo(s.referenceCaption());
        assertThat(d.logText()).contains("job " + id + " (caption) attempt 1 runs on");
    }

    /** The replica whose log says it started the job's first attempt. */
    private static ServerProcess ranOn(String id) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (ServerProcess s : Stream.of(b, c).toList()) {
                if (Files.readString(s.log).contains("job " + id + " (caption) attempt 1 runs on")) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no replica ran job " + id);
    }
}
