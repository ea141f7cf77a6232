package io.gitplatform.app.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gitplatform.app.GitPlatformApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * OpenAI chat completion bodies against the live server over loopback: three inputs in four are requests assembled
 * from fuzzed parts (roles, content shapes, image URLs of every kind, option values), the fourth is raw bytes. Every
 * answer is a 200 (a completion, or an event stream) or a 4xx OpenAI error object, within 20 s: never a 5xx. Jazzer's
 * bug detectors watch the server too: any connection it opens other than the test's own is reported as SSRF.
 */
class ChatCompletionsFuzzIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String PNG = Base64.getEncoder().encodeToString(seed("still-png"));
    private static final String MP4 = Base64.getEncoder().encodeToString(seed("video-mp4_h264"));
    private static ConfigurableApplicationContext server;
    private static HttpClient client;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        server = new SpringApplicationBuilder(GitPlatformApplication.class).run("--server.port=0",
                "--git.model.loading=startup", "--git.backend.threads=1", "--git.limits.max-media-size=256KB",
                "--logging.level.root=WARN");
        endpoint = URI.create("http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port")
                + "/v1/chat/completions");
        client = HttpClient.newBuilder().connectTimeout(LIMIT).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @FuzzTest(maxDuration = "10s")
    void chatCompletion(FuzzedDataProvider data) throws IOException, InterruptedException {
        byte[] body = data.consumeInt(0, 3) == 0 ? data.consumeRemainingAsBytes()
                : request(data).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r;
        // Jazzer's SSRF detector stays on for every other destination: a fetch the server makes is a finding.
        try (SilentCloseable ownServer = BugDetectors.allowNetworkConnections((host, port) ->
                port == endpoint.getPort() && host.matches("127\\.0\\.0\\.1|localhost"))) {
            r = client.send(HttpRequest.newBuilder(endpoint).timeout(LIMIT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() == 200) {
            assertThat(type).matches("(application/json|text/event-stream).*");
            return;
        }
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        // OpenAI's error object; a problem only for what Spring refuses before the endpoint (content type, method)
        if (type.startsWith("application/problem+json")) {
            assertThat(r.body()).contains("\"title\"");
        } else {
            assertThat(type).as(r.body()).startsWith("application/json");
            assertThat(r.body()).contains("\"error\"", "\"invalid_request_error\"");
        }
    }

    /** A chat request whose every part may be right, wrong-typed, out of range or missing. */
    private static String request(FuzzedDataProvider data) {
        StringBuilder json = new StringBuilder("{");
        field(json, data, "model", () -> pick(data, "\"default\"", "\"git-tiny-shapes\"", "\"gpt-4o\"", "null", "7"));
        field(json, data, "max_tokens", () -> number(data));
        field(json, data, "max_completion_tokens", () -> number(data));
        field(json, data, "temperature", () -> number(data));
        field(json, data, "top_p", () -> number(data));
        field(json, data, "seed", () -> number(data));
        field(json, data, "n", () -> number(data));
        field(json, data, "stream", () -> pick(data, "true", "false", "\"yes\"", "null"));
        field(json, data, "stream_options", () -> pick(data, "{\"include_usage\": true}", "{}", "[]", "1"));
        json.append("\"messages\": ").append(messages(data)).append('}');
        return json.toString();
    }

    private static String messages(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 4);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("{\"role\": ").append(pick(data, "\"user\"", "\"system\"",
                    "\"assistant\"", "\"tool\"", "3")).append(", \"content\": ").append(content(data)).append('}');
        }
        return out.append(']').toString();
    }

    private static String content(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return quote(data.consumeString(60));
            case 1:
                return pick(data, "null", "42", "{}", "[[]]");
            default:
                StringBuilder parts = new StringBuilder("[");
                int n = data.consumeInt(0, 5);
                for (int i = 0; i < n; i++) {
                    parts.append(i == 0 ? "" : ",").append(part(data));
                }
                return parts.append(']').toString();
        }
    }

    private static String part(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return "{\"type\": \"text\", \"text\": " + quote(data.consumeString(80)) + "}";
            case 1:
                return "{\"type\": \"image_url\", \"image_url\": {\"url\": " + quote(url(data)) + "}}";
            case 2:
                return "{\"type\": \"image_url\", \"image_url\": " + quote(url(data)) + "}";
            default:
                return "{\"type\": " + quote(data.consumeString(12)) + ", \"image_url\": "
                        + pick(data, "null", "{}", "[]", "{\"url\": 5}") + "}";
        }
    }

    private static String url(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> "data:image/png;base64," + PNG;
            case 1 -> "data:video/mp4;base64," + MP4;
            case 2 -> "data:image/png;base64," + mangle(data, PNG);
            case 3 -> "data:" + data.consumeString(20) + ";base64," + Base64.getEncoder()
                    .encodeToString(data.consumeBytes(data.consumeInt(0, 2000)));
            case 4 -> pick(data, "http://127.0.0.1:1/a.png", "https://example.invalid/x.png", "file:///etc/passwd",
                    "data:,", "data:image/png;base64,", "");
            default -> data.consumeString(100);
        };
    }

    /** The base64 text with a stretch replaced by fuzzed text, or cut short. */
    private static String mangle(FuzzedDataProvider data, String base64) {
        int at = data.consumeInt(0, base64.length());
        return data.consumeBoolean() ? base64.substring(0, at)
                : base64.substring(0, at) + data.consumeString(16) + base64.substring(Math.min(base64.length(),
                        at + 16));
    }

    private static void field(StringBuilder json, FuzzedDataProvider data, String name,
            java.util.function.Supplier<String> value) {
        if (data.consumeBoolean()) {
            json.append('"').append(name).append("\": ").append(value.get()).append(", ");
        }
    }

    private static String number(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> String.valueOf(data.consumeInt(-2, 600));
            case 1 -> String.valueOf(data.consumeLong());
            case 2 -> String.valueOf(data.consumeRegularDouble(-10, 10));
            case 3 -> pick(data, "1e400", "-0", "0.0", "\"12\"", "null", "true", "[]", "99999999999999999999999");
            default -> String.valueOf(data.consumeDouble());
        };
    }

    private static String pick(FuzzedDataProvider data, String... options) {
        return data.pickValue(options);
    }

    /** A JSON string literal of any text, escaped so the body stays well-formed. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static byte[] seed(String name) {
        try (InputStream in = ChatCompletionsFuzzIT.class.getResourceAsStream(
                "/io/gitplatform/core/media/MediaBytesFuzzTestInputs/decode/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
