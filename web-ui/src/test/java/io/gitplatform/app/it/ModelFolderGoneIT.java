package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The model folder deleted under a running server (the packaged one, in its own process): requests go on being
 * answered from the loaded model, a reload fails with a problem that names the missing folder while the loaded model
 * keeps serving, and once the folder is back a reload succeeds.
 */
class ModelFolderGoneIT {
    @TempDir
    Path temp;

    @Test
    void theLoadedModelServesOnAndAReloadSaysWhatIsMissing() throws Exception {
        Path model = copyOfTheTinyModel(temp.resolve("git-tiny-shapes"));
        try (ServerProcess server = ServerProcess.start("model-gone", List.of("-Xmx512m"),
                "--git.model.source=" + model, "--git.security.admin-key=admin-key")) {
            server.awaitReady();
            Http http = server.http();
            assertThat(caption(http)).isEqualTo("a blue circle moving up");

            delete(model);
            assertThat(caption(http)).as("the weights are mapped; the tokenizer is in memory")
                    .isEqualTo("a blue circle moving up");

            HttpResponse<String> reload = reload(http);
            assertThat(reload.statusCode()).as(reload.body()).isBetween(400, 599);
            assertThat(reload.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = Http.json(reload);
            assertThat(problem.get("detail").asString()).as(reload.body()).contains(model.toString());
            assertThat(caption(http)).as("the previous model still serves").isEqualTo("a blue circle moving up");
            assertThat(Http.json(http.get("/actuator/health")).get("status").asString()).isEqualTo("UP");

            copyOfTheTinyModel(model);
            assertThat(reload(http).statusCode()).isEqualTo(200);
            assertThat(caption(http)).isEqualTo("a blue circle moving up");
            assertThat(server.logText()).doesNotContain("SIGBUS", "hs_err");
        }
    }

    private static String caption(Http http) {
        HttpResponse<String> r = http.post("/api/v1/caption", Http.form().file("clip0.mp4", BadInputs.clip0()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("caption").asString();
    }

    private static HttpResponse<String> reload(Http http) {
        return http.send(http.request("/api/v1/admin/model/reload", "Authorization", "Bearer admin-key")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The model's files (not its sample media) from the shared reference folder. */
    private static Path copyOfTheTinyModel(Path into) throws IOException {
        Files.createDirectories(into);
        try (Stream<Path> files = Files.list(Samples.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, into.resolve(f.getFileName()));
            }
        }
        return into;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(dir).doesNotExist();
    }
}
