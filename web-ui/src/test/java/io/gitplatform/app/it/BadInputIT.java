package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input corpus ({@link BadInputs}) against the live server over real HTTP: every request gets a 4xx
 * problem ({@code application/problem+json} with a title) within {@link #LIMIT}, and afterwards the server is healthy
 * and still gives the reference caption of the bundled sample clip.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.api-key=test-key", "git.security.admin-key=admin-key",
                "git.limits.max-media-size=1MB", "git.backend.threads=1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {
    static final Duration LIMIT = Duration.ofSeconds(30);
    static final int MAX_MEDIA_BYTES = 1 << 20;

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port, "Authorization", "Bearer test-key");
        http.awaitReady();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyBadInputGetsAProblem() {
        List<BadInputs.Case> cases = BadInputs.all(http, port, MAX_MEDIA_BYTES);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> refused(c)));
    }

    private void refused(BadInputs.Case c) {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(c.request());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered within %s", LIMIT).isLessThan(LIMIT);
        if (c.status() != 0) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
        } else {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode body = Http.json(r);
        if (r.request().uri().getPath().startsWith("/v1/") && !type.startsWith("application/problem+json")) {
            // the OpenAI endpoints answer what reaches them with OpenAI's error object
            assertThat(type).as(r.body()).startsWith("application/json");
            assertThat(body.at("/error/message").asString("")).as(r.body()).isNotBlank();
            assertThat(body.at("/error/type").asString("")).as(r.body()).isEqualTo("invalid_request_error");
            return;
        }
        assertThat(type).as(r.body()).startsWith("application/problem+json");
        assertThat(body.path("title").asString("")).as(r.body()).isNotBlank();
        assertThat(body.path("status").asInt()).isEqualTo(r.statusCode());
    }

    @Test
    @Order(2)
    void theServerIsHealthyAndCorrectAfterwards() {
        JsonNode health = Http.json(http.get("/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        HttpResponse<String> r = http.post("/api/v1/caption", Http.form().file("clip0.mp4", BadInputs.clip0()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r).get("caption").asString()).isEqualTo("a blue circle moving up");
    }
}
