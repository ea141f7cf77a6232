package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.it.Samples.Sample;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Submitting and following jobs over HTTP, and reading what servers' logs say about completions. */
final class JobClient {
    private static final Pattern COMPLETED = Pattern.compile("job (\\S+) (succeeded|failed|cancelled) \\(attempt");

    private JobClient() {
    }

    /** Submits a caption job for a sample; its id. */
    static String caption(Http http, Sample s) {
        HttpResponse<String> r = http.post("/api/v1/jobs", Http.form().file(Samples.fileName(s), Samples.media(s))
                .field("task", "caption"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Http.json(r).get("id").asString();
    }

    static JsonNode get(Http http, String id) {
        HttpResponse<String> r = http.get("/api/v1/jobs/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    static String status(Http http, String id) {
        return get(http, id).get("status").asString();
    }

    /** Polls until the job is finished; the job. */
    static JsonNode awaitFinished(Http http, String id, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get(http, id);
            if (job.get("finished_at").isString()) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish within " + limit + ": " + get(http, id));
    }

    /** Polls until the job has reached {@code status} (or gone past it into a final state). */
    static void awaitStatus(Http http, String id, String status, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String s = status(http, id);
            if (s.equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " never became " + status + ": " + get(http, id));
    }

    /** How many times each job was recorded as finished, counted over servers' logs ("job X succeeded (attempt"). */
    static Map<String, Integer> completions(List<Path> logs) throws java.io.IOException {
        Map<String, Integer> count = new HashMap<>();
        for (Path log : logs) {
            Matcher m = COMPLETED.matcher(Files.readString(log));
            while (m.find()) {
                count.merge(m.group(1), 1, Integer::sum);
            }
        }
        return count;
    }
}
