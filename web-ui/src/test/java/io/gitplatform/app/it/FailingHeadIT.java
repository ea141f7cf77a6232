package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import io.gitplatform.app.it.Samples.Sample;
import io.gitplatform.core.platform.TestPluginJar;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A task head that throws: the built-in captioning plugin is replaced by one whose {@code caption} head fails on every
 * call. Every front door answers "Task failed" (REST, the tasks endpoint, chat, streaming chat, jobs), the failure is
 * reported on the plugin, and every other task keeps working.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.admin-key=admin-key", "git.jobs.worker.concurrency=1", "git.backend.threads=1"})
class FailingHeadIT {
    @LocalServerPort
    int port;
    Http http;

    @DynamicPropertySource
    static void plugins(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("failing-head-plugins");
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("git.plugins.dir")))) {
            for (Path jar : jars.filter(j -> !j.getFileName().toString().contains("video-captioning")).toList()) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
        TestPluginJar.plugin("boom-caption").source("test.boom.BoomCaption", """
                package test.boom;
                import io.gitplatform.spi.*;
                import java.util.List;
                import java.util.Set;
                @org.pf4j.Extension
                public class BoomCaption implements TaskHead {
                    public String id() { return "caption"; }
                    public String description() { return "always fails"; }
                    public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE, InputKind.VIDEO); }
                    public List<TaskOption> options() { return GenerationSettings.OPTIONS; }
                    public TaskResult run(TaskRequest request, TaskContext context) {
                        throw new IllegalStateException("boom: the head is broken");
                    }
                }
                """).writeTo(dir);
        registry.add("git.plugins.dir", dir::toString);
    }

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port);
        http.awaitReady();
    }

    private static void taskFailed(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        JsonNode p = Http.json(r);
        assertThat(p.get("title").asString()).isEqualTo("Task failed");
        assertThat(p.get("detail").asString()).contains("task 'caption' failed", "boom: the head is broken");
    }

    private HttpResponse<String> chat(Sample s, boolean stream) {
        return http.postJson("/v1/chat/completions", Map.of("model", "default", "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", List.of(Map.of("type", "image_url",
                        "image_url", Map.of("url", ApiIT.dataUrl(Samples.png(s.name(), 0)))))))));
    }

    @Test
    void everyFrontDoorSaysTaskFailedAndTheOtherTasksKeepWorking() throws Exception {
        Sample image = Samples.named("image1");
        Http.Form form = Http.form().file(Samples.fileName(image), Samples.media(image));
        taskFailed(http.post("/api/v1/caption", form));
        taskFailed(http.post("/api/v1/tasks/caption", Http.form().file(Samples.fileName(image), Samples.media(image))));
        // the OpenAI endpoint says it in OpenAI's error object, streaming or not
        JsonNode error = ApiIT.openAiError(chat(image, false), 500, null, "task_failed");
        assertThat(error.get("message").asString()).contains("task 'caption' failed", "boom: the head is broken");
        HttpResponse<String> stream = chat(image, true);
        assertThat(stream.body()).contains("\"code\":\"task_failed\"").contains("boom: the head is broken")
                .contains("[DONE]");

        HttpResponse<String> accepted = http.post("/api/v1/jobs", Http.form()
                .file(Samples.fileName(image), Samples.media(image)).field("task", "caption"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Http.json(accepted).get("id").asString();
        JsonNode job = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            job = Http.json(http.get("/api/v1/jobs/" + id));
            if (job.get("status").asString().equals("failed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.at("/error/title").asString()).isEqualTo("Task failed");

        JsonNode plugins = Http.json(http.get("/api/v1/admin/plugins", "Authorization", "Bearer admin-key"));
        JsonNode boom = null;
        for (JsonNode p : plugins) {
            if (p.get("id").asString().equals("boom-caption")) {
                boom = p;
            }
        }
        assertThat(boom).isNotNull();
        assertThat(boom.toString()).contains("boom: the head is broken");

        HttpResponse<String> answer = http.post("/api/v1/ask", Http.form()
                .file(Samples.fileName(image), Samples.media(image)).field("question", "what shape is it?"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Http.json(answer).at("/answers/0/answer").asString()).isEqualTo(image.labels().get("shape"));
        HttpResponse<String> colors = http.post("/api/v1/tasks/describe-colors", Http.form()
                .file(Samples.fileName(image), Samples.media(image)));
        assertThat(colors.statusCode()).as(colors.body()).isEqualTo(200);
    }
}
