package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import io.gitplatform.app.it.Samples.Sample;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The plugins are the platform: every entry point reaches the model through the task head that serves the task, so
 * disabling a task-head plugin takes its task away from REST, the chat endpoint and jobs alike (and enabling it brings
 * it back without a restart), and a third-party task (the example plugin's {@code describe-colors}, loaded from its
 * jar) runs from the tasks endpoint, a job and the OpenAPI document lists it.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.admin-key=admin-key", "git.jobs.worker.concurrency=1", "git.backend.threads=1"})
class TaskHeadsIT {
    private static final String ADMIN = "Bearer admin-key";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port);
        http.awaitReady();
    }

    private HttpResponse<String> upload(String path, Sample s, Object... fields) {
        Http.Form form = Http.form().file(Samples.fileName(s), Samples.media(s));
        for (int i = 0; i < fields.length; i += 2) {
            form.field((String) fields[i], fields[i + 1]);
        }
        return http.post(path, form);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String title) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode p = Http.json(r);
        assertThat(p.get("title").asString()).isEqualTo(title);
        return p;
    }

    private void plugin(String id, String action) {
        ok(http.send(http.request("/api/v1/admin/plugins/" + id + "/" + action, "Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    private HttpResponse<String> chat(Sample s, String question) {
        List<Object> parts = new ArrayList<>(List.of(Map.of("type", "image_url", "image_url",
                Map.of("url", ApiIT.dataUrl(Samples.png(s.name(), 0))))));
        if (question != null) {
            parts.add(Map.of("type", "text", "text", question));
        }
        return http.postJson("/v1/chat/completions", Map.of("model", "default", "max_completion_tokens", 20,
                "messages", List.of(Map.of("role", "user", "content", parts))));
    }

    private List<String> taskIds() {
        List<String> ids = new ArrayList<>();
        ok(http.get("/api/v1/tasks")).forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }

    @Test
    void disablingTheCaptioningPluginTakesCaptionAwayFromEveryEntryPointUntilItIsEnabled() throws Exception {
        Sample image = Samples.named("image0");
        try {
            plugin("video-captioning", "disable");
            assertThat(problem(upload("/api/v1/caption", image), 503, "Task not available").get("detail").asString())
                    .contains("no task 'caption'");
            ApiIT.openAiError(chat(image, null), 503, null, "task_not_available");
            problem(upload("/api/v1/tasks/caption", image), 503, "Task not available");
            problem(upload("/api/v1/jobs", image, "task", "caption"), 503, "Task not available");
            assertThat(taskIds()).doesNotContain("caption").contains("vqa", "classify");
            assertThat(ok(chat(image, "what shape is it?")).at("/choices/0/message/content").asString())
                    .as("questions still work: they are the vqa plugin's").isEqualTo(image.labels().get("shape"));
        } finally {
            plugin("video-captioning", "enable");
        }
        assertThat(ok(upload("/api/v1/caption", image)).get("caption").asString()).isEqualTo(image.referenceCaption());
        assertThat(ok(chat(image, null)).at("/choices/0/message/content").asString())
                .isEqualTo(image.referenceCaption());
        assertThat(ok(upload("/api/v1/tasks/caption", image)).get("text").asString())
                .isEqualTo(image.referenceCaption());
    }

    @Test
    void disablingTheVqaPluginTakesQuestionsAwayFromRestAndChat() {
        Sample image = Samples.named("image3");
        try {
            plugin("vqa", "disable");
            problem(upload("/api/v1/ask", image, "question", "what shape is it?"), 503, "Task not available");
            ApiIT.openAiError(chat(image, "what shape is it?"), 503, null, "task_not_available");
            assertThat(ok(chat(image, null)).at("/choices/0/message/content").asString())
                    .isEqualTo(image.referenceCaption());
        } finally {
            plugin("vqa", "enable");
        }
        assertThat(ok(upload("/api/v1/ask", image, "question", "what shape is it?")).at("/answers/0/answer")
                .asString()).isEqualTo(image.labels().get("shape"));
    }

    @Test
    void theTasksEndpointListsEveryTaskWithItsOptionDescriptors() {
        JsonNode tasks = ok(http.get("/api/v1/tasks"));
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        tasks.forEach(t -> byId.put(t.get("id").asString(), t));
        assertThat(byId).containsKeys("caption", "vqa", "classify", "describe-colors");
        JsonNode describe = byId.get("describe-colors");
        assertThat(describe.get("plugin").asString()).isEqualTo("example-task");
        assertThat(describe.get("inputs").toString()).isEqualTo("[\"image\",\"video\"]");
        assertThat(describe.at("/options/0/name").asString()).isEqualTo("background");
        assertThat(describe.at("/options/0/type").asString()).isEqualTo("boolean");
        assertThat(describe.at("/options/0/default_value").asString()).isEqualTo("true");
        JsonNode questions = byId.get("vqa").get("options").get(0);
        assertThat(questions.get("name").asString()).isEqualTo("questions");
        assertThat(questions.get("required").asBoolean()).isTrue();
        JsonNode maxTokens = byId.get("caption").get("options").get(0);
        assertThat(maxTokens.get("name").asString()).isEqualTo("generation.max_new_tokens");
        assertThat(maxTokens.get("min").asDouble()).isEqualTo(1.0);
        assertThat(maxTokens.get("max").asDouble()).isEqualTo(512.0);
    }

    @Test
    void aThirdPartyTaskRunsFromTheTasksEndpointAndAsAJob() throws Exception {
        Sample image = Samples.named("image2");
        Map<String, String> l = image.labels();
        String expected = l.get("color") + " " + l.get("shape") + " on " + l.get("bg");
        JsonNode r = ok(upload("/api/v1/tasks/describe-colors", image));
        assertThat(r.get("task").asString()).isEqualTo("describe-colors");
        assertThat(r.get("text").asString()).isEqualTo(expected);
        assertThat(r.get("answers").size()).isEqualTo(3);
        assertThat(ok(upload("/api/v1/tasks/describe-colors", image, "background", "false")).get("text").asString())
                .isEqualTo(l.get("color") + " " + l.get("shape"));

        assertThat(problem(upload("/api/v1/tasks/describe-colors", image, "colour", "red"), 400, "Invalid option")
                .get("detail").asString()).contains("task 'describe-colors' has no option 'colour'");
        assertThat(problem(upload("/api/v1/tasks/describe-colors", image, "background", "maybe"), 400,
                "Invalid option").get("detail").asString()).isEqualTo("'background' must be true or false, got 'maybe'");
        assertThat(problem(upload("/api/v1/tasks/vqa", image), 400, "Invalid option").get("detail").asString())
                .contains("needs option 'questions'");
        problem(upload("/api/v1/tasks/no-such-task", image), 503, "Task not available");

        HttpResponse<String> accepted = upload("/api/v1/jobs", image, "task", "describe-colors", "background", "true");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Http.json(accepted).get("id").asString();
        JsonNode job = awaitJob(id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.at("/result/text").asString()).isEqualTo(expected);
        problem(upload("/api/v1/jobs", image, "task", "describe-colors", "colour", "red"), 400, "Invalid option");
    }

    @Test
    void theOpenApiDocumentDescribesEveryTaskWithItsForm() {
        JsonNode doc = ok(http.get("/v3/api-docs"));
        assertThat(doc.at("/paths/~1api~1v1~1tasks~1{task}/post").isMissingNode()).isFalse();
        JsonNode describe = doc.at("/paths/~1api~1v1~1tasks~1describe-colors/post");
        assertThat(describe.isMissingNode()).as(doc.get("paths").propertyNames().toString()).isFalse();
        JsonNode form = describe.at("/requestBody/content/multipart~1form-data/schema");
        assertThat(form.at("/properties/background/type").asString()).as(form.toString()).isEqualTo("boolean");
        assertThat(form.at("/properties/file/format").asString()).isEqualTo("binary");
        assertThat(doc.at("/paths/~1api~1v1~1tasks~1vqa/post/requestBody/content/multipart~1form-data/schema/required")
                .toString()).contains("questions");
    }

    private JsonNode awaitJob(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode job = ok(http.get("/api/v1/jobs/" + id));
            String status = job.get("status").asString();
            if (List.of("succeeded", "failed", "cancelled").contains(status) || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(100);
        }
    }
}
