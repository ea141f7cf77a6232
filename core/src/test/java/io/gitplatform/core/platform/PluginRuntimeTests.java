package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime against plugin jars compiled at test time: life cycle, isolation, timeouts, unloading. */
class PluginRuntimeTests extends EmbeddedPipelineTest {
    @TempDir
    Path plugins;

    static TaskInput image() {
        return TaskInput.image(new RgbImage(8, 8, new byte[8 * 8 * 3]));
    }

    static TaskResult run(PluginRuntime runtime, String task, TaskOptions options) {
        try (EncodingCache cache = new EncodingCache()) {
            TaskRequest request = TaskRequest.of(image(), options);
            return runtime.runTask(task, request, TestContexts.context(pipeline, cache, request));
        }
    }

    private static TaskResult echo(PluginRuntime runtime) {
        return run(runtime, "echo", TaskOptions.builder().prompt("hello").build());
    }

    @Test
    void loadsAndRunsAPluginJarThenUnloadsItSoItsClassLoaderIsCollected() throws Exception {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins));
        try {
            assertThat(echo(runtime).text()).isEqualTo("echo: hello (1 frames)");
            WeakReference<ClassLoader> loader = LoaderProbe.last();
            assertThat(loader.get()).isNotNull().isNotSameAs(getClass().getClassLoader());
            assertThat(loader.get().getClass().getName()).isEqualTo("org.pf4j.PluginClassLoader");

            runtime.unload("echo");

            assertThat(runtime.plugins()).isEmpty();
            assertThat(runtime.tasks()).isEmpty();
            assertThatThrownBy(() -> echo(runtime)).isInstanceOf(UnknownTaskException.class);
            for (int i = 0; i < 50 && loader.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(loader.get()).as("the unloaded plugin's class loader is collected").isNull();
        } finally {
            runtime.close();
        }
    }

    @Test
    void listsPluginsWithVersionStateAndWhatTheyServe() {
        TestPlugins.echo(plugins, "1.2.3", "echo:");
        TestPlugins.backends(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(runtime.plugins()).extracting(PluginInfo::id, PluginInfo::version, PluginInfo::state,
                    PluginInfo::extensionPoints, PluginInfo::tasks, PluginInfo::backends)
                    .containsExactly(
                            tuple("echo", "1.2.3", PluginStatus.STARTED,
                                    List.of("TaskHead"), List.of("echo"), List.of()),
                            tuple("test-backends", "1.0.0", PluginStatus.STARTED,
                                    List.of("InferenceBackend"), List.of(), List.of("cpu", "nowhere")));
            PluginInfo echo = runtime.plugin("echo");
            assertThat(echo.provider()).isEqualTo("tests");
            assertThat(echo.description()).isEqualTo("test plugin echo");
            assertThat(echo.lastError()).isNull();
            assertThat(runtime.tasks()).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo("echo");
                assertThat(t.pluginId()).isEqualTo("echo");
                assertThat(t.options()).extracting(o -> o.name()).containsExactly("prompt");
            });
        }
    }

    @Test
    void aPluginThatFailsToStartIsReportedAndTheOthersServe() {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        TestPlugins.failingStart(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            PluginInfo failed = runtime.plugin("boom-start");
            assertThat(failed.state()).isEqualTo(PluginStatus.FAILED);
            assertThat(failed.lastError()).contains("start failed").contains("cannot reach the license server");
            assertThat(failed.tasks()).isEmpty();
            assertThatThrownBy(() -> run(runtime, "never", TaskOptions.NONE))
                    .isInstanceOf(UnknownTaskException.class).hasMessageContaining("[echo]");
            assertThat(echo(runtime).text()).startsWith("echo: hello");
        }
    }

    @Test
    void aPluginThatThrowsOnEveryCallIsReportedAndTheOthersServe() {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        TestPlugins.failingCall(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> run(runtime, "boom", TaskOptions.NONE))
                        .isInstanceOf(TaskFailedException.class)
                        .hasMessageContaining("test.boomcall.BoomException: the model is on fire")
                        .hasNoCause()
                        .satisfies(e -> assertThat(((TaskFailedException) e).pluginId()).isEqualTo("boom-call"));
                assertThat(echo(runtime).text()).startsWith("echo: hello");
            }
            PluginInfo boom = runtime.plugin("boom-call");
            assertThat(boom.state()).isEqualTo(PluginStatus.STARTED);
            assertThat(boom.failures()).isEqualTo(3);
            assertThat(boom.lastError()).contains("task 'boom' failed").contains("the model is on fire");
            assertThat(runtime.plugin("echo").failures()).isZero();
        }
    }

    @Test
    void aBadRequestIsTheCallersErrorNotThePlugins() {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThatThrownBy(() -> run(runtime, "echo", TaskOptions.NONE))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("echo needs a prompt");
            assertThat(runtime.plugin("echo").failures()).isZero();
        }
    }

    @Test
    void aCallThatRunsPastTheTimeoutIsCancelledAndReported() {
        TestPlugins.sleepy(plugins);
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        // Generous: the machine is shared, and the echo calls around the timeout must not time out themselves.
        PluginSettings settings = PluginSettings.of(plugins).withTaskTimeout(Duration.ofSeconds(5));
        try (PluginRuntime runtime = PluginRuntime.start(settings); EncodingCache cache = new EncodingCache()) {
            assertThat(echo(runtime).text()).startsWith("echo: hello");
            TaskRequest request = TaskRequest.of(image(), TaskOptions.NONE);
            RequestContext context = TestContexts.context(pipeline, cache, request);
            long start = System.nanoTime();
            assertThatThrownBy(() -> runtime.runTask("sleepy", request, context))
                    .isInstanceOf(TaskTimeoutException.class).hasMessageContaining("did not finish within 5000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(request.cancellation().isCancelled()).isTrue();
            assertThat(runtime.plugin("sleepy").lastError()).contains("did not finish");
            assertThat(echo(runtime).text()).startsWith("echo: hello");
        }
    }

    @Test
    void configurationDisablesAPluginAndItCanBeEnabledDisabledAndReloadedAtRunTime() throws Exception {
        Path jar = TestPlugins.echo(plugins, "1.0.0", "echo:");
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins).withDisabled(List.of("echo")))) {
            assertThat(runtime.plugin("echo").state()).isEqualTo(PluginStatus.DISABLED);
            assertThat(runtime.tasks()).isEmpty();

            assertThat(runtime.enable("echo").state()).isEqualTo(PluginStatus.STARTED);
            assertThat(echo(runtime).text()).isEqualTo("echo: hello (1 frames)");

            assertThat(runtime.disable("echo").state()).isEqualTo(PluginStatus.DISABLED);
            assertThatThrownBy(() -> echo(runtime)).isInstanceOf(UnknownTaskException.class);
            runtime.enable("echo");

            // A new build of the plugin replaces the jar; reload picks it up in a new class loader.
            Path rebuilt = TestPlugins.echo(Files.createTempDirectory("rebuilt"), "1.0.0", "echo v2:");
            Files.copy(rebuilt, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(runtime.reload("echo").state()).isEqualTo(PluginStatus.STARTED);
            assertThat(echo(runtime).text()).isEqualTo("echo v2: hello (1 frames)");
        }
    }

    @Test
    void aJarThatIsNotAPluginIsListedAsFailedAndTheOthersLoad() throws Exception {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(plugins.resolve("not-a-plugin.jar")))) {
            out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
        }
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(runtime.plugins()).extracting(PluginInfo::id, PluginInfo::state).containsExactly(
                    tuple("echo", PluginStatus.STARTED),
                    tuple("not-a-plugin", PluginStatus.FAILED));
            assertThat(runtime.plugins().get(1).lastError()).isNotBlank();
            assertThat(echo(runtime).text()).startsWith("echo: hello");
        }
    }
}
