package io.gitplatform.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.platform.BackendDescriptor;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginInfo;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.core.platform.PluginStatus;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.core.testing.SharedFixtures;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The first-party plugin jars as Maven built them, loaded by PF4J from {@code web-ui/target/plugins} (where the build
 * copies them for {@code bin/git-platform}); none of their classes is on this test's class path.
 */
class PluginJarsIT {
    private static final List<String> SHAPES = List.of("circle", "square", "triangle");
    private static GitPlatform platform;

    static Path pluginsDir() {
        return Path.of(System.getProperty(PlatformOptions.PLUGINS_DIR_PROPERTY));
    }

    @BeforeAll
    static void open() {
        PlatformSettings settings = new PlatformSettings(PluginSettings.of(pluginsDir()), BackendSettings.cpu());
        platform = GitPlatform.open(settings, ModelFolder.read(SharedFixtures.tinyShapes()));
    }

    @AfterAll
    static void close() {
        platform.close();
    }

    @Test
    void theBuiltJarsAreLoadedFromTheirFilesAndStarted() throws Exception {
        try (Stream<Path> jars = Files.list(pluginsDir())) {
            assertThat(jars.map(p -> p.getFileName().toString())).hasSize(7).allMatch(n -> n.endsWith(".jar"));
        }
        assertThat(platform.plugins().plugins()).extracting(PluginInfo::id, PluginInfo::state).containsExactly(
                tuple("classification", PluginStatus.STARTED),
                tuple("djl-cpu", PluginStatus.STARTED),
                tuple("djl-gpu", PluginStatus.STARTED),
                tuple("example-task", PluginStatus.STARTED),
                tuple("timeline", PluginStatus.STARTED),
                tuple("video-captioning", PluginStatus.STARTED),
                tuple("vqa", PluginStatus.STARTED));
        assertThat(platform.plugins().plugins()).allSatisfy(p -> {
            assertThat(p.path().getParent()).isEqualTo(pluginsDir());
            assertThat(p.lastError()).isNull();
            // the example is built like a third party's plugin, with its own provider
            assertThat(p.provider()).isEqualTo(p.id().equals("example-task") ? "Example Inc" : "GIT platform");
        });
        assertThat(platform.tasks()).extracting(TaskDescriptor::id)
                .containsExactly("caption", "classify", "describe-colors", "timeline", "vqa");
        assertThat(platform.plugins().backends()).extracting(BackendDescriptor::id).containsExactly("cpu", "gpu");
        assertThatThrownBy(() -> Class.forName("io.gitplatform.plugins.vqa.VqaTask"))
                .as("plugin classes are not on the application class path").isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void labelScoringWithoutAPromptRanksTheTrueShapeFirst() {
        int hits = 0;
        for (ShapeSample sample : ShapeSample.all()) {
            TaskResult result = platform.run("classify", TaskRequest.of(sample.input(),
                    TaskOptions.builder().labels(SHAPES).build()));
            assertThat(result.labels().stream().mapToDouble(RankedLabel::probability).sum()).isCloseTo(1, within(1e-9));
            hits += result.labels().get(0).label().equals(sample.labels().get("shape")) ? 1 : 0;
        }
        System.out.println("classify (caption slots, real jar): " + hits + "/16");
        assertThat(hits).isGreaterThanOrEqualTo(15);
    }

    @Test
    void fiveQuestionsAboutOneVideoRunTheVisionTowerOnce() {
        ShapeSample clip = ShapeSample.all().get(3); // a red square moving left on white
        List<String> questions = List.of("what shape is it?", "what color is the square?",
                "what color is the background?", "which way is it moving?", "what is in this video?");
        AtomicInteger encodes = new AtomicInteger(); // vision passes the request started
        TaskResult result = platform.run("vqa", TaskRequest.of(clip.input(),
                TaskOptions.builder().questions(questions).build())
                .withProgress((stage, fraction) -> encodes.addAndGet(stage.equals("encode") && fraction == 0 ? 1 : 0)));
        assertThat(encodes).hasValue(1);
        assertThat(result.answers()).extracting(Answer::text).startsWith("square", "red", "white");
        System.out.println("vqa, 5 questions, 1 vision pass: " + result.answers());
    }

    @Test
    void theGpuBackendFailsWithAClearMessageOnThisMachine() {
        PlatformSettings gpu = new PlatformSettings(PluginSettings.of(pluginsDir()),
                new BackendSettings("gpu", 0, null, 0));
        assertThatThrownBy(() -> GitPlatform.open(gpu, ModelFolder.read(SharedFixtures.tinyShapes())))
                .isExactlyInstanceOf(BackendUnavailableException.class).hasNoCause()
                .hasMessageStartingWith("backend 'gpu' (plugin djl-gpu) is not available on this machine: ")
                .hasMessageContaining("PYTORCH_FLAVOR=cu128");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GitPlatformCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String sample(String name) {
        return SharedFixtures.tinyShapes().resolve("samples/" + name + ".png").toString();
    }

    @Test
    void theCommandLineListsPluginsAndClassifies() {
        Run plugins = cli("plugins");
        assertThat(plugins.exit()).isZero();
        assertThat(plugins.out()).contains("vqa").contains("task:classify").contains("backend:gpu")
                .doesNotContain("last error");
        assertThat(plugins.out().lines().filter(l -> l.contains(" STARTED "))).hasSize(7);

        Run video = cli("classify", "--frames", sample("clip1_f0"), sample("clip1_f1"), sample("clip1_f2"),
                sample("clip1_f3"), sample("clip1_f4"), sample("clip1_f5"), "--labels", "circle,square,triangle",
                "--model", SharedFixtures.tinyShapes().toString());
        assertThat(video.exit()).as(video.err()).isZero();
        assertThat(video.out().lines().skip(1).findFirst()).hasValueSatisfying(l -> assertThat(l.trim())
                .startsWith("triangle"));

        Run top = cli("classify", sample("image0_f0"), "--labels", "circle,square,triangle", "--prompt",
                "what shape is it?", "--top-k", "1", "--model", SharedFixtures.tinyShapes().toString());
        assertThat(top.out().lines()).hasSize(2);
        assertThat(top.out()).contains("square");
    }

    @Test
    void theCommandLineReportsAnUnavailableGpuInOneLine() {
        Run run = cli("classify", sample("image0_f0"), "--labels", "circle,square", "--backend", "gpu", "--model",
                SharedFixtures.tinyShapes().toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: backend 'gpu' (plugin djl-gpu) is not available on this machine")
                .doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }
}
