package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Clients that go away and jobs that are cancelled, against the live server. The batcher waits 3 s for company before
 * each batch ({@code max-wait}), which holds requests in its queue long enough to be abandoned there on purpose.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.backend.threads=1", "git.jobs.worker.concurrency=1", "git.jobs.timeout=120s",
                "git.batching.max-wait=3s"})
class FaultsIT {
    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port);
        http.awaitReady();
    }

    @Test
    void clientsThatLeaveMidStreamLeaveNoWorkBehind() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<Void>> leaving = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpRequest request = http.request("/v1/chat/completions").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(streamOf("image" + i))))
                    .build();
            leaving.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .thenAccept(r -> readFirstEventThenHangUp(r.body())));
        }
        CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).get();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (streamsPumping() > 0 || queueDepth() > 0)) {
            Thread.sleep(200);
        }
        assertThat(streamsPumping()).as("streams still pumping after their clients left").isZero();
        assertThat(queueDepth()).isZero();
        assertThat(Http.json(http.postJson("/v1/chat/completions", Map.of("model", "default", "messages", streamOf("image2")
                .get("messages")))).at("/choices/0/message/content").asString())
                .isEqualTo(Samples.named("image2").referenceCaption());
        HttpResponse<String> full = http.postJson("/v1/chat/completions", streamOf("image3"));
        StringBuilder text = new StringBuilder();
        for (String data : Http.sseData(full.body())) {
            if (!data.equals("[DONE]")) {
                text.append(Http.JSON.readTree(data).at("/choices/0/delta/content").asString(""));
            }
        }
        assertThat(text.toString()).isEqualTo(Samples.named("image3").referenceCaption());
    }

    @Test
    void aJobCancelledWhileItWaitsForTheModelFreesItsWorker() throws Exception {
        // A caption holds the batcher for max-wait; the job (other options, so another batch) queues behind it.
        CompletableFuture<HttpResponse<String>> holder = CompletableFuture.supplyAsync(() -> http.post(
                "/api/v1/caption", Http.form().file("clip0.mp4", BadInputs.clip0())));
        Thread.sleep(500);
        String job = submit(Http.form().file("clip0.mp4", BadInputs.clip0()).field("task", "caption")
                .field("max_new_tokens", 19));
        awaitStatus(job, "generating");
        JsonNode cancelled = Http.json(http.delete("/api/v1/jobs/" + job));
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(holder.get().statusCode()).isEqualTo(200);

        // One job worker: the next job can only run once the cancelled one has let go of it.
        String next = submit(Http.form().file("clip0.mp4", BadInputs.clip0()).field("task", "caption"));
        JsonNode done = awaitStatus(next, "succeeded");
        assertThat(done.at("/result/caption").asString()).isEqualTo("a blue circle moving up");
        JsonNode after = Http.json(http.get("/api/v1/jobs/" + job));
        assertThat(after.get("status").asString()).isEqualTo("cancelled");
        assertThat(after.get("result").isNull()).isTrue();
    }

    private String submit(Http.Form form) {
        HttpResponse<String> r = http.post("/api/v1/jobs", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Http.json(r).get("id").asString();
    }

    /** Polls the job until it has {@code status}; fails after 30 s. */
    private JsonNode awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = Http.json(http.get("/api/v1/jobs/" + id));
            if (job.get("status").asString().equals(status)) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " never became " + status + ": " + job);
    }

    private static Map<String, Object> streamOf(String sample) {
        return Map.of("model", "default", "stream", true, "messages", List.of(Map.of("role", "user", "content", List.of(Map.of("type",
                "image_url", "image_url", Map.of("url", BadInputs.dataUrl("image/png", Samples.png(sample, 0))))))));
    }

    private static void readFirstEventThenHangUp(InputStream body) {
        try (InputStream in = body) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    return; // closing the body closes the connection mid-stream
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests waiting for a batch, as the server's metrics report them. */
    private double queueDepth() {
        return Http.json(http.get("/actuator/metrics/git.batch.queue.depth")).at("/measurements/0/value").asDouble();
    }

    /** Threads of the chat stream pool that are inside a stream's pump (idle pool threads wait elsewhere). */
    private static long streamsPumping() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("git-chat-stream"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("pump")))
                .count();
    }
}
