package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.cli.GitPlatformCommand;
import io.gitplatform.core.platform.TestPluginJar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The plugins folder of the packaged server (its own process) as an operator uses it: {@code serve --plugins-dir}
 * picks the folder, a jar offering a built-in task leaves the built-in serving it and is reported on both plugins, a
 * jar copied into the folder while the server runs is served after a rescan, and a removed one is unloaded; a YAML
 * owner hands the contested task to the plugin it names.
 */
class PluginLifecycleIT {
    private static final String ADMIN = "Bearer admin-key";

    @TempDir
    Path temp;

    @Test
    void theServersPluginsFolderIsRescannedAtRunTimeAndContestedTasksStayWithTheBuiltIn() throws Exception {
        Path folder = copyOfTheBuiltPlugins(temp.resolve("plugins"));
        TestPluginJar.constantTask("a-classify", "classify", "newcomer").writeTo(folder);
        // -Dgit.plugins.dir (set by ServerProcess, as bin/git-platform does) names target/plugins: the option wins.
        try (ServerProcess server = ServerProcess.start("plugin-lifecycle", List.of("-Xmx512m"),
                "--plugins-dir", folder.toString(), "--git.security.admin-key=admin-key")) {
            server.awaitReady();
            Http http = server.http();

            JsonNode plugins = plugins(http);
            assertThat(plugins).allSatisfy(p -> assertThat(path(p).getParent()).isEqualTo(folder));
            assertThat(ids(plugins)).containsExactly("a-classify", "classification", "djl-cpu", "djl-gpu",
                    "example-task", "video-captioning", "vqa");
            for (String id : List.of("a-classify", "classification")) {
                JsonNode conflict = plugin(plugins, id).at("/conflicts/0");
                assertThat(conflict.get("id").asString()).isEqualTo("classify");
                assertThat(conflict.get("served_by").asString()).isEqualTo("classification");
                assertThat(conflict.get("message").asString()).contains("set git.plugins.tasks.classify");
            }
            assertThat(plugin(plugins, "a-classify").get("tasks")).isEmpty();
            HttpResponse<String> classified = http.post("/api/v1/classify", image7()
                    .field("labels", "circle,square,triangle"));
            assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
            assertThat(Http.json(classified).get("labels")).as("the built-in head ranked the labels").hasSize(3);

            Path jar = TestPluginJar.constantTask("describe-it", "describe-it", "described")
                    .writeTo(temp.resolve("built"));
            Path copied = Files.copy(jar, folder.resolve(jar.getFileName()));
            JsonNode added = rescan(http);
            assertThat(added.get("loaded").toString()).isEqualTo("[\"describe-it\"]");
            JsonNode describe = plugin(added.get("plugins"), "describe-it");
            assertThat(describe.get("state").asString()).isEqualTo("STARTED");
            assertThat(describe.get("tasks").toString()).isEqualTo("[\"describe-it\"]");
            assertThat(runTask(http, "describe-it").get("text").asString()).isEqualTo("described");

            Files.delete(copied);
            JsonNode removed = rescan(http);
            assertThat(removed.get("unloaded").toString()).isEqualTo("[\"describe-it\"]");
            assertThat(ids(plugins(http))).doesNotContain("describe-it").contains("a-classify", "vqa");
            HttpResponse<String> gone = http.post("/api/v1/tasks/describe-it", image7());
            assertThat(gone.statusCode()).as(gone.body()).isEqualTo(503);
            assertThat(Http.json(gone).get("title").asString()).isEqualTo("Task not available");
            assertThat(server.logText()).doesNotContain("hs_err");
        }
    }

    @Test
    void aYamlOwnerMovesTheContestedTaskToTheNamedPlugin() throws Exception {
        Path folder = copyOfTheBuiltPlugins(temp.resolve("plugins"));
        TestPluginJar.constantTask("a-classify", "classify", "newcomer").writeTo(folder);
        Path yaml = Files.writeString(temp.resolve("owners.yml"), """
                git:
                  plugins:
                    tasks:
                      classify: a-classify
                """);
        try (ServerProcess server = ServerProcess.start("plugin-owner", List.of("-Xmx512m"),
                "--plugins-dir", folder.toString(), "--config", yaml.toString(), "--git.security.admin-key=admin-key")) {
            server.awaitReady();
            Http http = server.http();
            JsonNode plugins = plugins(http);
            assertThat(plugin(plugins, "a-classify").get("tasks").toString()).isEqualTo("[\"classify\"]");
            assertThat(plugin(plugins, "classification").get("tasks")).isEmpty();
            assertThat(plugin(plugins, "classification").at("/conflicts/0/message").asString())
                    .endsWith("a-classify serves it (git.plugins.tasks.classify)");
            assertThat(runTask(http, "classify").get("text").asString()).isEqualTo("newcomer");
        }
    }

    @Test
    void thePluginsCommandShowsAConflictOnBothPluginsAndTheBuiltInServing() throws IOException {
        Path folder = copyOfTheBuiltPlugins(temp.resolve("plugins"));
        TestPluginJar.constantTask("a-classify", "classify", "newcomer").writeTo(folder);
        StringWriter out = new StringWriter();
        CommandLine cli = GitPlatformCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("plugins", "--plugins-dir", folder.toString());
        assertThat(exit).as("a conflict the built-in settles is no failure").isZero();
        assertThat(out.toString()).contains("plugins in " + folder);
        List<String> lines = out.toString().lines().toList();
        String conflict = "  conflict: task 'classify' is offered by a-classify and classification; classification"
                + " serves it, being built in; set git.plugins.tasks.classify to choose another";
        assertThat(lines).filteredOn(conflict::equals).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("classification").contains("task:classify"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("a-classify").contains(" STARTED "));
    }

    private static Http.Form image7() {
        return Http.form().file("image7.png", Samples.png("image7", 0));
    }

    /** {@code POST /api/v1/tasks/{task}} on one sample image; the result must be a 200. */
    private static JsonNode runTask(Http http, String task) {
        HttpResponse<String> r = http.post("/api/v1/tasks/" + task, image7());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    private static JsonNode plugins(Http http) {
        HttpResponse<String> r = http.get("/api/v1/admin/plugins", "Authorization", ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    private static JsonNode rescan(Http http) {
        HttpResponse<String> r = http.send(http.request("/api/v1/admin/plugins/rescan", "Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    private static JsonNode plugin(JsonNode plugins, String id) {
        for (JsonNode p : plugins) {
            if (p.get("id").asString().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + plugins);
    }

    /** A plugin's jar: JSON writes a path as a file URI. */
    private static Path path(JsonNode plugin) {
        String text = plugin.get("path").asString();
        return text.startsWith("file:") ? Path.of(java.net.URI.create(text)) : Path.of(text);
    }

    private static List<String> ids(JsonNode plugins) {
        List<String> ids = new ArrayList<>();
        plugins.forEach(p -> ids.add(p.get("id").asString()));
        return ids;
    }

    /** The plugin jars this build made ({@code target/plugins}), copied into {@code folder}. */
    private static Path copyOfTheBuiltPlugins(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> jars = Files.list(Path.of("target/plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, folder.resolve(jar.getFileName()));
            }
        }
        return folder;
    }
}
