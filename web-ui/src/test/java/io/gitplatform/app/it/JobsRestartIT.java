package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.it.Samples.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded store (an H2 file) survives SIGKILL: 50 caption jobs submitted across two kills of the packaged server,
 * each kill while jobs are queued and running, all end succeeded with the reference caption, each recorded once, and
 * results finished before a kill are served unchanged after it.
 */
class JobsRestartIT {
    private static final int JOBS = 50;

    @Test
    void jobsSurviveTwoKills() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "jobs-restart")).toAbsolutePath();
        Path db = dir.resolve("jobs-" + System.nanoTime());
        List<Sample> samples = Samples.all();
        Map<String, Sample> submitted = new LinkedHashMap<>();
        Map<String, JsonNode> seenBeforeKill = new LinkedHashMap<>();
        List<Path> logs = new ArrayList<>();
        int[] batch = {20, 15, 15};
        int kills = 0;
        for (int round = 0; round < 3; round++) {
            ServerProcess server = ServerProcess.start("jobs-restart-" + round, List.of("-Xmx512m"),
                    "--git.jobs.store.url=jdbc:h2:file:" + db, "--git.jobs.worker.lease=3s",
                    "--git.jobs.worker.poll-interval=100ms", "--git.jobs.worker.concurrency=2",
                    // each batch waits 400 ms for company: jobs take long enough to be caught running
                    "--git.batching.max-wait=400ms");
            logs.add(server.log);
            try {
                server.awaitReady();
                Http http = server.http();
                for (Map.Entry<String, JsonNode> earlier : seenBeforeKill.entrySet()) { // earlier results, unchanged
                    assertThat(JobClient.get(http, earlier.getKey()).get("result"))
                            .isEqualTo(earlier.getValue().get("result"));
                }
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < batch[round]; i++) {
                    Sample s = samples.get(submitted.size() % samples.size());
                    String id = JobClient.caption(http, s);
                    submitted.put(id, s);
                    ids.add(id);
                }
                if (round < 2) {
                    // Kill once one has finished: the rest are running or queued.
                    JobClient.awaitFinished(http, ids.get(0), Duration.ofMinutes(2));
                    for (String id : submitted.keySet()) {
                        JsonNode job = JobClient.get(http, id);
                        if (job.get("status").asString().equals("succeeded")) {
                            seenBeforeKill.put(id, job);
                        }
                    }
                    long unfinished = submitted.keySet().stream()
                            .filter(id -> !JobClient.get(http, id).get("finished_at").isString()).count();
                    assertThat(unfinished).as("jobs still queued or running at the kill").isPositive();
                    server.kill();
                    kills++;
                    System.out.printf("kill %d: %d submitted, %d unfinished%n", kills, submitted.size(), unfinished);
                } else {
                    for (Map.Entry<String, Sample> job : submitted.entrySet()) {
                        JsonNode done = JobClient.awaitFinished(http, job.getKey(), Duration.ofMinutes(3));
                        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
                        assertThat(done.at("/result/caption").asString()).as(job.getValue().name())
                                .isEqualTo(job.getValue().referenceCaption());
                    }
                }
            } finally {
                if (server.alive()) {
                    server.close();
                }
            }
        }
        Map<String, Integer> completions = JobClient.completions(logs);
        long duplicates = completions.values().stream().filter(n -> n > 1).count();
        long lost = submitted.keySet().stream().filter(id -> !completions.containsKey(id)).count();
        System.out.printf("jobs submitted %d, kills %d, lost %d, recorded twice %d%n", submitted.size(), kills, lost,
                duplicates);
        assertThat(submitted).hasSize(JOBS);
        assertThat(kills).isEqualTo(2);
        assertThat(lost).isZero();
        assertThat(duplicates).isZero();
    }
}
