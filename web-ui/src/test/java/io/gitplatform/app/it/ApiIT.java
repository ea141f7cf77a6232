package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import io.gitplatform.app.it.Samples.Sample;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every endpoint over real HTTP on a random loopback port, with API keys on and a 1 MB upload limit. */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.api-key=test-key", "git.security.admin-key=admin-key",
                "git.limits.max-media-size=1MB", "git.jobs.worker.concurrency=1", "git.backend.threads=1"})
class ApiIT {
    static final String KEY = "test-key";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port, "Authorization", "Bearer " + KEY);
        http.awaitReady();
    }

    private HttpResponse<String> upload(String task, Sample s, Object... fields) {
        Http.Form form = Http.form().file(Samples.fileName(s), Samples.media(s));
        for (int i = 0; i < fields.length; i += 2) {
            form.field((String) fields[i], fields[i + 1]);
        }
        return http.post("/api/v1/" + task, form);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String title) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = Http.json(r);
        assertThat(p.get("title").asString()).isEqualTo(title);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        return p;
    }

    @Test
    void captionsAStillImage() {
        Sample s = Samples.named("image0");
        JsonNode r = ok(upload("caption", s));
        assertThat(r.get("caption").asString()).isEqualTo(s.referenceCaption());
        assertThat(r.get("model").asString()).isEqualTo("git-tiny-shapes");
        assertThat(r.get("finish_reason").asString()).isEqualTo("eos");
        assertThat(r.at("/media/kind").asString()).isEqualTo("image");
        assertThat(r.at("/media/frames").size()).isEqualTo(1);
        assertThat(r.at("/timings/total_ms").asDouble()).isPositive();
    }

    @Test
    void captionsAVideoFromItsSixFrames() {
        Sample s = Samples.named("clip1");
        JsonNode r = ok(upload("caption", s, "max_new_tokens", 20, "num_beams", 1));
        assertThat(r.get("caption").asString()).isEqualTo(s.referenceCaption());
        assertThat(r.at("/media/kind").asString()).isEqualTo("video");
        List<Long> indices = new ArrayList<>();
        double last = -1;
        for (JsonNode f : r.at("/media/frames")) {
            indices.add(f.get("index").asLong());
            assertThat(f.get("timestamp").asDouble()).isGreaterThan(last);
            last = f.get("timestamp").asDouble();
        }
        assertThat(indices).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void beamSearchTakesEarlyStoppingNeverOnTheCaptionEndpointAndTheTaskForm() {
        Sample s = Samples.named("image0");
        JsonNode caption = ok(upload("caption", s, "num_beams", 3, "length_penalty", 2.0, "early_stopping", "never"));
        assertThat(caption.get("caption").asString()).isEqualTo(s.referenceCaption());
        JsonNode task = ok(upload("tasks/caption", s, "generation.num_beams", 3, "generation.early_stopping", "never"));
        assertThat(task.get("text").asString()).isEqualTo(s.referenceCaption());
        JsonNode bad = problem(upload("caption", s, "num_beams", 3, "early_stopping", "sometimes"), 400,
                "Invalid option");
        assertThat(bad.get("detail").asString()).contains("early_stopping", "never", "sometimes");
        bad = problem(upload("tasks/caption", s, "generation.early_stopping", "sometimes"), 400, "Invalid option");
        assertThat(bad.get("detail").asString()).contains("generation.early_stopping", "never");
    }

    @Test
    void answersSeveralQuestions() {
        Sample s = Samples.named("image3");
        JsonNode r = ok(upload("ask", s, "question", "what shape is it?", "question", "what color is the background?"));
        JsonNode answers = r.get("answers");
        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.get(0).get("answer").asString()).isEqualTo(s.labels().get("shape"));
        assertThat(answers.get(1).get("question").asString()).isEqualTo("what color is the background?");
        assertThat(answers.get(1).get("answer").asString()).isEqualTo(s.labels().get("bg"));
    }

    @Test
    void classifiesByGeneration() {
        Sample s = Samples.named("image2");
        JsonNode r = ok(upload("classify", s, "labels", "circle,square", "labels", "triangle", "prompt",
                "what shape is it?"));
        JsonNode labels = r.get("labels");
        assertThat(labels.size()).isEqualTo(3);
        assertThat(labels.get(0).get("label").asString()).isEqualTo(s.labels().get("shape"));
        double sum = 0;
        for (JsonNode l : labels) {
            sum += l.get("probability").asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void refusesBadInputsWithProblems() {
        problem(http.post("/api/v1/caption", Http.form().file("notes.txt", "hello, not an image".getBytes())),
                415, "Unsupported media type");
        problem(http.post("/api/v1/caption", Http.form().file("big.png", new byte[1_500_000])), 413,
                "Upload too large");
        problem(upload("caption", Samples.named("image0"), "max_new_tokens", 1000), 400, "Too many tokens");
        problem(upload("caption", Samples.named("image0"), "max_new_tokens", "many"), 400, "Invalid option");
        problem(upload("caption", Samples.named("image0"), "temperature", -1), 400, "Invalid option");
        problem(upload("ask", Samples.named("image0")), 400, "Invalid option");
        problem(upload("classify", Samples.named("image0"), "labels", "circle"), 400, "Invalid option");
        problem(http.post("/api/v1/caption", Http.form().field("max_new_tokens", 5)), 400, "Bad Request");
    }

    @Test
    void apiKeyIsRequiredAndAdminNeedsTheAdminKey() {
        Http anonymous = new Http(port);
        HttpResponse<String> none = anonymous.get("/v1/models");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        // The OpenAI endpoints answer in OpenAI's error object, which its clients read.
        assertThat(Http.json(none).at("/error/code").asString()).isEqualTo("invalid_api_key");
        HttpResponse<String> wrong = anonymous.get("/v1/models", "Authorization", "Bearer wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Http.json(wrong).at("/error/message").asString()).isEqualTo("the API key is not valid");
        problem(anonymous.post("/api/v1/caption", Http.form().file("a.png", Samples.png("image0", 0))), 401,
                "Authentication required");
        assertThat(anonymous.get("/v1/models", "X-API-Key", KEY).statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        HttpResponse<String> crossOrigin = http.get("/v1/models", "Origin", "https://elsewhere.example");
        assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin")).as("CORS closed").isEmpty();
        HttpResponse<String> preflight = http.send(http.request("/api/v1/caption",
                "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        problem(http.get("/api/v1/admin/config"), 403, "Forbidden");
        problem(anonymous.get("/api/v1/admin/config"), 401, "Authentication required");
        HttpResponse<String> config = http.get("/api/v1/admin/config", "Authorization", "Bearer admin-key");
        JsonNode c = ok(config);
        assertThat(c.at("/security/api_key").asString()).isEqualTo("******");
        assertThat(config.body()).doesNotContain(KEY).doesNotContain("admin-key");
        assertThat(c.at("/limits/max_media_size").isMissingNode()).isFalse();
    }

    @Test
    void adminReloadsTheModel() throws InterruptedException {
        HttpResponse<String> r = http.send(http.request("/api/v1/admin/model/reload",
                "Authorization", "Bearer admin-key")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(ok(r).get("state").asString()).isEqualTo("ready");
        Sample s = Samples.named("image1");
        assertThat(ok(upload("caption", s)).get("caption").asString()).isEqualTo(s.referenceCaption());
    }

    @Test
    void adminDisablesAndEnablesAPlugin() {
        String admin = "Bearer admin-key";
        JsonNode plugins = ok(http.get("/api/v1/admin/plugins", "Authorization", admin));
        List<String> ids = new ArrayList<>();
        plugins.forEach(p -> ids.add(p.get("id").asString()));
        assertThat(ids).contains("classification", "djl-cpu", "video-captioning", "vqa");

        Sample s = Samples.named("image7");
        try {
            ok(http.send(http.request("/api/v1/admin/plugins/classification/disable", "Authorization", admin)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()));
            problem(upload("classify", s, "labels", "circle,square,triangle"), 503, "Task not available");
        } finally {
            ok(http.send(http.request("/api/v1/admin/plugins/classification/enable", "Authorization", admin)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()));
        }
        JsonNode r = ok(upload("classify", s, "labels", "circle,square,triangle", "prompt", "what shape is it?"));
        assertThat(r.at("/labels/0/label").asString()).isEqualTo(s.labels().get("shape"));
        problem(http.send(http.request("/api/v1/admin/plugins/nope/enable", "Authorization", admin)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()), 404, "Plugin not found");
    }

    static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    static Map<String, Object> chat(boolean stream, String model, Object... parts) {
        return Map.of("model", model, "stream", stream, "stream_options", Map.of("include_usage", true),
                "max_completion_tokens", 20, "messages", List.of(Map.of("role", "user", "content", List.of(parts))));
    }

    static Map<String, Object> image(Object imageUrl) {
        return Map.of("type", "image_url", "image_url", imageUrl);
    }

    @Test
    void chatCompletionCaptionsAndAnswers() {
        Sample s = Samples.named("image4");
        JsonNode r = ok(http.postJson("/v1/chat/completions",
                chat(false, "default", image(Map.of("url", dataUrl(Samples.png("image4", 0)))))));
        assertThat(r.get("object").asString()).isEqualTo("chat.completion");
        assertThat(r.at("/choices/0/message/role").asString()).isEqualTo("assistant");
        assertThat(r.at("/choices/0/message/content").asString()).isEqualTo(s.referenceCaption());
        assertThat(r.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(r.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(r.at("/usage/total_tokens").asInt()).isEqualTo(
                r.at("/usage/prompt_tokens").asInt() + r.at("/usage/completion_tokens").asInt());

        JsonNode answer = ok(http.postJson("/v1/chat/completions", chat(false, "git-tiny-shapes",
                Map.of("type", "text", "text", "what color is the background?"),
                image(dataUrl(Samples.png("image4", 0))))));
        assertThat(answer.at("/choices/0/message/content").asString()).isEqualTo(s.labels().get("bg"));
    }

    @Test
    void chatTakesSeveralImagesAsTheFramesOfOneVideo() {
        Sample s = Samples.named("clip2");
        List<Object> parts = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            parts.add(image(Map.of("url", dataUrl(Samples.png("clip2", f)))));
        }
        JsonNode r = ok(http.postJson("/v1/chat/completions", chat(false, "default", parts.toArray())));
        assertThat(r.at("/choices/0/message/content").asString()).isEqualTo(s.referenceCaption());
    }

    @Test
    void chatStreamsChunksEndingWithDone() {
        Sample s = Samples.named("image5");
        HttpResponse<String> r = http.postJson("/v1/chat/completions",
                chat(true, "default", image(Map.of("url", dataUrl(Samples.png("image5", 0))))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> data = Http.sseData(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode chunk = Http.JSON.readTree(d);
            assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            if (chunk.has("usage")) {
                usage = chunk.get("usage");
                continue;
            }
            JsonNode choice = chunk.at("/choices/0");
            text.append(choice.at("/delta/content").asString(""));
            if (!choice.get("finish_reason").isNull()) {
                finish = choice.get("finish_reason").asString();
            }
        }
        assertThat(Http.JSON.readTree(data.get(0)).at("/choices/0/delta/role").asString()).isEqualTo("assistant");
        assertThat(text.toString()).isEqualTo(s.referenceCaption());
        assertThat(finish).isEqualTo("stop");
        assertThat(usage).isNotNull();
        assertThat(usage.get("completion_tokens").asInt()).isPositive();
    }

    @Test
    void chatRefusesRemoteUrlsAndUnknownModelsWithOpenAiErrors() {
        openAiError(http.postJson("/v1/chat/completions", chat(false, "default",
                image(Map.of("url", "http://127.0.0.1:1/secret.png")))), 400, "messages[0].content[0].image_url",
                "invalid_image");
        openAiError(http.postJson("/v1/chat/completions", chat(false, "default",
                image("https://example.invalid/a.png"))), 400, "messages[0].content[0].image_url", "invalid_image");
        openAiError(http.postJson("/v1/chat/completions", chat(false, "gpt-4o",
                image(dataUrl(Samples.png("image0", 0))))), 404, "model", "model_not_found");
        openAiError(http.postJson("/v1/chat/completions", chat(false, "default",
                Map.of("type", "text", "text", "hello"))), 400, "messages", "missing_image");
        JsonNode models = ok(http.get("/v1/models"));
        assertThat(models.at("/data/0/id").asString()).isEqualTo("git-tiny-shapes");
        assertThat(models.get("object").asString()).isEqualTo("list");
    }

    /** OpenAI's error object: {"error": {message, type, param, code}}, not an RFC 9457 problem. */
    static JsonNode openAiError(HttpResponse<String> r, int status, String param, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode e = Http.json(r).get("error");
        assertThat(e).as(r.body()).isNotNull();
        assertThat(e.get("message").asString()).isNotBlank();
        assertThat(e.get("type").asString()).isEqualTo(status >= 500 ? "server_error" : "invalid_request_error");
        assertThat(e.get("param").isNull() ? null : e.get("param").asString()).isEqualTo(param);
        assertThat(e.get("code").isNull() ? null : e.get("code").asString()).isEqualTo(code);
        return e;
    }

    @Test
    void jobRunsWithProgressAndEvents() throws InterruptedException {
        Sample s = Samples.named("clip3");
        HttpResponse<String> submitted = upload("jobs", s, "task", "caption");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String id = Http.json(submitted).get("id").asString();
        assertThat(location).isEqualTo("/api/v1/jobs/" + id);

        List<String> events = new ArrayList<>();
        HttpResponse<String> stream = http.get(location + "/events");
        for (String line : stream.body().split("\n")) {
            if (line.startsWith("event:")) {
                events.add(line.substring(6).strip());
            }
        }
        assertThat(events).isNotEmpty().last().isEqualTo("succeeded");
        assertThat(events.subList(0, events.size() - 1)).allMatch("progress"::equals);

        JsonNode job = ok(http.get(location));
        assertThat(job.get("status").asString()).isEqualTo("succeeded");
        assertThat(job.at("/progress/frames_decoded").asInt()).isEqualTo(6);
        assertThat(job.at("/progress/tokens_generated").asInt()).isPositive();
        assertThat(job.at("/result/caption").asString()).isEqualTo(s.referenceCaption());
        problem(http.delete(location), 409, "Job already finished");
        problem(http.get("/api/v1/jobs/no-such-job"), 404, "Job not found");
    }

    @Test
    void queuedJobIsCancelled() throws InterruptedException {
        // One job worker: the later jobs wait behind the first, so the last one is cancelled before it starts.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = upload("jobs", Samples.named("clip4"), "task", "ask", "question",
                    "what shape is it?");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(Http.json(r).get("id").asString());
        }
        String last = "/api/v1/jobs/" + ids.get(3);
        JsonNode cancelled = ok(http.delete(last));
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(http.get(last + "/events").body()).contains("event:cancelled");
        for (String id : ids.subList(0, 3)) {
            JsonNode job;
            do {
                Thread.sleep(50);
                job = ok(http.get("/api/v1/jobs/" + id));
            } while (!job.get("finished_at").isString());
            assertThat(job.get("status").asString()).isEqualTo("succeeded");
            assertThat(job.at("/result/answers/0/answer").asString()).isEqualTo("triangle");
        }
        assertThat(ok(http.get(last)).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void servesOpenApiSwaggerUiAndOperations() {
        HttpResponse<String> docs = http.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/caption", "/api/v1/jobs/{id}/events", "/v1/chat/completions",
                "GIT platform API");
        assertThat(http.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(http.get("/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);

        JsonNode readiness = ok(http.get("/actuator/health/readiness"));
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.at("/components/model/status").asString()).isEqualTo("UP");
        assertThat(ok(http.get("/actuator/health/liveness")).get("status").asString()).isEqualTo("UP");
        upload("caption", Samples.named("image6"));
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("git_batch_size_count", "git_batch_queue_depth",
                "git_generation_tokens_per_second", "git_request_latency_seconds", "git_errors_total");
    }
}
