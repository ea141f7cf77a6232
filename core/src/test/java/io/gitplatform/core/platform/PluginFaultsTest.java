package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plugins at their worst: one whose {@code start()} never returns, one whose task spins ignoring both
 * cancellation and interrupts. The platform answers within its timeouts, names the plugin, and every other plugin
 * keeps serving; unloading the culprit still completes.
 */
class PluginFaultsTest extends EmbeddedPipelineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path plugins;

    /** Lets the stuck plugin threads of a test end, so they do not burn a core for the rest of the build. */
    @AfterEach
    void release() {
        System.setProperty("plugin-faults.release", "true");
    }

    @BeforeEach
    void hold() {
        System.clearProperty("plugin-faults.release");
    }

    @Test
    void aPluginWhoseStartNeverReturnsIsFailedAndTheOthersServe() {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        // A task too: a jar that declares no extension is refused before its start() could hang.
        TestPluginJar.constantTask("hang-start", "hang", "never").pluginClass("test.hang.HangPlugin")
                .source("test.hang.HangPlugin", """
                package test.hang;
                public class HangPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        while (!Boolean.getBoolean("plugin-faults.release")) {
                            try {
                                Thread.sleep(1000);
                            } catch (InterruptedException ignored) {
                                // a badly written plugin: deaf to interrupts
                            }
                        }
                    }
                }
                """).writeTo(plugins);
        PluginSettings settings = PluginSettings.of(plugins).withTaskTimeout(TIMEOUT);
        PluginRuntime runtime = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> PluginRuntime.start(settings), "the runtime waits forever for a plugin's start()");
        try {
            PluginInfo hung = runtime.plugin("hang-start");
            assertThat(hung.state()).isEqualTo(PluginStatus.FAILED);
            assertThat(hung.lastError()).contains("did not finish within");
            assertThat(echo(runtime).text()).startsWith("echo: hello");
        } finally {
            release();
            assertTimeoutPreemptively(Duration.ofSeconds(60), runtime::close);
        }
    }

    @Test
    void aTaskDeafToCancellationTimesOutAndCanStillBeUnloaded() {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        TestPluginJar.plugin("spin").source("test.spin.SpinTask", """
                package test.spin;
                import io.gitplatform.spi.*;
                import java.util.List;
                import java.util.Set;
                import org.pf4j.Extension;
                @Extension
                public class SpinTask implements TaskHead {
                    public String id() { return "spin"; }
                    public String description() { return "ignores cancellation and interrupts"; }
                    public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE); }
                    public List<TaskOption> options() { return List.of(); }
                    public TaskResult run(TaskRequest request, TaskContext context) {
                        while (!Boolean.getBoolean("plugin-faults.release")) {
                            Thread.onSpinWait();
                        }
                        throw new IllegalStateException("stopped");
                    }
                }
                """).writeTo(plugins);
        PluginSettings settings = PluginSettings.of(plugins).withTaskTimeout(TIMEOUT);
        try (PluginRuntime runtime = PluginRuntime.start(settings)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> run(runtime, "spin", TaskOptions.NONE)).isInstanceOf(TaskTimeoutException.class)
                    .hasMessageContaining("did not finish within 3000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(runtime.plugin("spin").lastError()).contains("task 'spin' did not finish");
            assertThat(echo(runtime).text()).startsWith("echo: hello");
            // The spinning call still holds its slot: unloading waits one timeout, then goes ahead.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runtime.unload("spin"));
            assertThat(runtime.plugins()).extracting(PluginInfo::id).containsExactly("echo");
            assertThat(echo(runtime).text()).startsWith("echo: hello");
            release();
        }
    }

    private static TaskResult echo(PluginRuntime runtime) {
        return run(runtime, "echo", TaskOptions.builder().prompt("hello").build());
    }

    private static TaskResult run(PluginRuntime runtime, String task, TaskOptions options) {
        try (EncodingCache cache = new EncodingCache()) {
            TaskRequest request = TaskRequest.of(TaskInput.image(new RgbImage(8, 8, new byte[8 * 8 * 3])), options);
            return runtime.runTask(task, request, TestContexts.context(pipeline, cache, request));
        }
    }
}
