package io.gitplatform.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code tasks}: any task of the plugins directory from the command line, the third-party example
 * included, with its options checked against its descriptors; and a task whose plugin is missing is an error that
 * names the task.
 */
class RunCommandIT {
    @TempDir
    Path tmp;

    private static final String STILL = CaptionCommandIT.STILL.toString();

    @Test
    void runsTheThirdPartyExampleTaskWithItsOptions() {
        ParityCommandTests.Run run = ParityCommandTests.run("run", "describe-colors", "-q", STILL);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("blue square on gray");

        run = ParityCommandTests.run("run", "describe-colors", "-q", STILL, "--option", "background=false", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonObject o = JsonParser.parseString(run.out().strip()).getAsJsonObject();
        assertThat(o.get("task").getAsString()).isEqualTo("describe-colors");
        assertThat(o.get("text").getAsString()).isEqualTo("blue square");
        assertThat(o.getAsJsonArray("answers")).hasSize(2);
    }

    @Test
    void runsBuiltInTasksWithListOptions() {
        ParityCommandTests.Run run = ParityCommandTests.run("run", "vqa", "-q", STILL,
                "--option", "questions=what shape is it?", "--option", "questions=what color is the background?");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("square\ngray");
    }

    @Test
    void badOptionsAndUnknownTasksAreOneClearError() {
        ParityCommandTests.Run run = ParityCommandTests.run("run", "describe-colors", "-q", STILL, "--option",
                "colour=red");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).startsWith("error: ").contains("task 'describe-colors' has no option 'colour'");
        run = ParityCommandTests.run("run", "describe-colors", "-q", STILL, "--option", "background=maybe");
        assertThat(run.err()).contains("'background' must be true or false, got 'maybe'");
        run = ParityCommandTests.run("run", "no-such-task", "-q", STILL);
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("no task 'no-such-task'");
    }

    @Test
    void tasksListsEveryTaskWithItsOptions() {
        ParityCommandTests.Run run = ParityCommandTests.run("tasks", "-q");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("describe-colors  (plugin example-task; image, video)")
                .contains("--option background=<boolean> [default true]")
                .contains("--option questions=<string_list> [required]")
                .contains("--option generation.max_new_tokens=<integer> [range 1..512]");
    }

    @Test
    void withoutTheCaptioningPluginCaptionIsAnErrorNamingTheTask() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        try (Stream<Path> jars = Files.list(PluginJarsIT.pluginsDir())) {
            for (Path jar : jars.filter(j -> !j.getFileName().toString().contains("video-captioning")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        ParityCommandTests.Run run = ParityCommandTests.run("caption", "-q", "--plugins-dir", plugins.toString(),
                CaptionCommandIT.SAMPLES.resolve("clip0.mp4").toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).startsWith("error: ").contains("no task 'caption'");
        assertThat(run.out()).isEmpty();
    }
}
