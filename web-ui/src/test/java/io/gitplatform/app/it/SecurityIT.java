package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gitplatform.app.GitPlatformApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Security checks over real HTTP: admin operations need the admin key whatever the spelling of the path, plugin ids
 * are not paths, and the server fetches image URLs only inside its allow-list. An image server on loopback holds an allowed image and a
 * secret beside it; a request that makes the server read the secret (or its own endpoints) is a server-side request
 * forgery.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.api-key=test-key", "git.security.admin-key=admin-key", "git.backend.threads=1"})
class SecurityIT {
    private static final HttpServer IMAGES = imageServer();
    private static final AtomicInteger SECRET_READS = new AtomicInteger();
    private static final int IMAGES_PORT = IMAGES.getAddress().getPort();

    @LocalServerPort
    int port;
    Http http;

    /** Two allow-list entries written as operators do: a folder without its trailing slash, and a bare origin. */
    @DynamicPropertySource
    static void allowList(DynamicPropertyRegistry registry) {
        registry.add("git.security.allowed-image-url-prefixes[0]", () -> "http://127.0.0.1:" + IMAGES_PORT + "/images");
        registry.add("git.security.allowed-image-url-prefixes[1]", () -> "http://localhost:" + IMAGES_PORT);
    }

    @AfterAll
    static void stop() {
        IMAGES.stop(0);
    }

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port, "Authorization", "Bearer test-key");
        http.awaitReady();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/admin/config", "/api/v1/%61dmin/config", "/api/v1/admin;x=1/config",
        "/api/v1//admin/config", "/api/v1/./admin/config", "/api/v1/x/../admin/config", "/api/v1/ADMIN/config",
        "/api/v1/admin/config/", "/api/v1/admin/config;.css", "/api/v1/admin/%63onfig"})
    void adminNeedsTheAdminKeyHoweverThePathIsSpelled(String path) {
        HttpResponse<String> withApiKey = http.get(path);
        assertThat(withApiKey.statusCode()).as(path + ": " + withApiKey.body()).isIn(400, 403, 404);
        assertThat(withApiKey.body()).doesNotContain("allowed_image_url_prefixes");
        HttpResponse<String> anonymous = new Http(port).get(path);
        assertThat(anonymous.statusCode()).as(path + ": " + anonymous.body()).isIn(400, 401, 404);
    }

    /** Plugin ids are names of loaded plugins, never paths: traversal spellings find nothing and load nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "vqa%2F..%2F..%2Fvqa", "..;",
        "%00", "vqa%00.jar"})
    void pluginIdsAreNotPaths(String id) {
        String before = http.get("/api/v1/admin/plugins", "Authorization", "Bearer admin-key").body();
        HttpResponse<String> r = http.send(http.request("/api/v1/admin/plugins/" + id + "/reload", "Authorization",
                "Bearer admin-key").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(id + ": " + r.body()).isBetween(400, 499);
        assertThat(http.get("/api/v1/admin/plugins", "Authorization", "Bearer admin-key").body()).isEqualTo(before);
    }

    @Test
    void adminWorksWithTheAdminKey() {
        HttpResponse<String> r = http.get("/api/v1/admin/config", "Authorization", "Bearer admin-key");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("test-key", "admin-key");
    }

    @Test
    void anAllowListedImageIsFetched() {
        HttpResponse<String> r = chat("http://127.0.0.1:" + IMAGES_PORT + "/images/shape.png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r).at("/choices/0/message/content").asString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:IMAGES/images/../secret.png",        // leaves the folder after normalisation
        "http://127.0.0.1:IMAGES/images/%2e%2e/secret.png",    // the same, percent-encoded
        "http://127.0.0.1:IMAGES/images-private/secret.png",   // shares the folder's name as a prefix
        "http://localhost:IMAGES@127.0.0.1:SERVER/actuator/health", // user info: the host is really 127.0.0.1
        "http://127.0.0.1:SERVER/images/shape.png",            // the right path on another port
        "http://127.0.0.1:IMAGES\\@127.0.0.1:SERVER/",
        "http://0x7f000001:IMAGES/images/shape.png",           // the same machine, spelled otherwise
    })
    void urlsOutsideTheAllowListAreRefusedBeforeAnyConnection(String template) {
        String url = template.replace("IMAGES", String.valueOf(IMAGES_PORT)).replace("SERVER", String.valueOf(port));
        int before = SECRET_READS.get();
        HttpResponse<String> r = chat(url);
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(400);
        // OpenAI's error object naming the image part
        assertThat(Http.json(r).at("/error/param").asString()).isEqualTo("messages[0].content[0].image_url");
        assertThat(Http.json(r).at("/error/code").asString()).isEqualTo("invalid_image");
        assertThat(SECRET_READS.get()).as("the secret was read").isEqualTo(before);
    }

    private HttpResponse<String> chat(String url) {
        return http.postJson("/v1/chat/completions", Map.of("model", "default", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "image_url", "image_url", Map.of("url", url)))))));
    }

    /** Serves {@code /images/shape.png} (a sample) and {@code /secret.png}, counting reads of the secret. */
    private static HttpServer imageServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = URI.create(exchange.getRequestURI().getPath()).normalize().getPath();
                byte[] body;
                int status = 200;
                if (path.equals("/images/shape.png")) {
                    body = Samples.png("image0", 0);
                } else if (path.endsWith("secret.png")) {
                    SECRET_READS.incrementAndGet();
                    body = Samples.png("image1", 0);
                } else {
                    status = 404;
                    body = new byte[0];
                }
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
