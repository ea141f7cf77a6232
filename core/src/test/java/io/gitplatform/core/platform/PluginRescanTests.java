package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.TaskOptions;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rescanning the plugins directory of a running runtime: jars copied in are served, jars removed are unloaded. */
class PluginRescanTests extends EmbeddedPipelineTest {
    @TempDir
    Path plugins;
    @TempDir
    Path elsewhere;

    @Test
    void aJarCopiedInIsLoadedAndServedAndARemovedOneIsUnloaded() throws Exception {
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            Path built = TestPluginJar.constantTask("describe", "describe", "a description").writeTo(elsewhere);
            assertThat(runtime.tasks()).extracting(TaskDescriptor::id).containsExactly("echo");

            Path jar = Files.copy(built, plugins.resolve(built.getFileName()));
            PluginRescan added = runtime.rescan();

            assertThat(added).isEqualTo(new PluginRescan(List.of("describe"), List.of(), Map.of()));
            assertThat(runtime.plugin("describe").state()).isEqualTo(PluginStatus.STARTED);
            assertThat(PluginRuntimeTests.run(runtime, "describe", TaskOptions.NONE).text())
                    .isEqualTo("a description");
            assertThat(runtime.rescan()).as("nothing changed since").isEqualTo(new PluginRescan(List.of(), List.of(),
                    Map.of()));

            Files.delete(jar);
            assertThat(runtime.rescan()).isEqualTo(new PluginRescan(List.of(), List.of("describe"), Map.of()));
            assertThat(runtime.plugins()).extracting(PluginInfo::id).containsExactly("echo");
            assertThatThrownBy(() -> PluginRuntimeTests.run(runtime, "describe", TaskOptions.NONE))
                    .isInstanceOf(UnknownTaskException.class);
            assertThat(PluginRuntimeTests.run(runtime, "echo", TaskOptions.builder().prompt("hi").build()).text())
                    .isEqualTo("echo: hi (1 frames)");
        }
    }

    @Test
    void aRefusedJarIsListedAndTriedAgainOnceItIsReplaced() throws Exception {
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            Path broken = TestPluginJar.constantTask("later", "later", "fixed").requires(">=99.0.0")
                    .writeTo(elsewhere);
            Path jar = Files.copy(broken, plugins.resolve("later.jar"));
            PluginRescan refused = runtime.rescan();
            assertThat(refused.loaded()).isEmpty();
            assertThat(refused.failed()).containsOnlyKeys("later");
            assertThat(runtime.plugins()).singleElement().satisfies(p -> {
                assertThat(p.state()).isEqualTo(PluginStatus.FAILED);
                assertThat(p.lastError()).contains("Plugin-Requires '>=99.0.0'");
            });

            Path fixed = TestPluginJar.constantTask("later", "later", "fixed").writeTo(Files.createTempDirectory("b"));
            Files.copy(fixed, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(runtime.rescan().loaded()).containsExactly("later");
            assertThat(runtime.plugins()).extracting(PluginInfo::id, PluginInfo::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("later", PluginStatus.STARTED));
        }
    }

    @Test
    void aJarLoadedFromElsewhereStaysWhileItsFileExists() {
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            runtime.load(TestPluginJar.constantTask("outside", "outside", "here").writeTo(elsewhere));
            assertThat(runtime.rescan().unloaded()).isEmpty();
            assertThat(runtime.plugin("outside").state()).isEqualTo(PluginStatus.STARTED);
        }
    }
}
