package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.TaskOptions;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which plugin serves a task or backend id several plugins offer: the built-in one, unless configuration names
 * another; with neither, nobody. Every party sees the conflict.
 */
class ExtensionOwnershipTests extends EmbeddedPipelineTest {
    @TempDir
    Path plugins;

    private static String classify(PluginRuntime runtime) {
        return PluginRuntimeTests.run(runtime, "classify", TaskOptions.NONE).text();
    }

    /** The built-in {@code classification} plugin, and {@code a-classify}, first in alphabetical order. */
    private void twoClassifiers() {
        TestPluginJar.constantTask("classification", "classify", "built-in").writeTo(plugins);
        TestPluginJar.constantTask("a-classify", "classify", "newcomer").writeTo(plugins);
    }

    @Test
    void theBuiltInPluginKeepsItsTaskAndTheConflictIsReportedOnBoth() {
        twoClassifiers();
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(classify(runtime)).isEqualTo("built-in");
            assertThat(runtime.tasks()).singleElement().extracting(TaskDescriptor::pluginId)
                    .isEqualTo("classification");
            assertThat(runtime.plugin("classification").tasks()).containsExactly("classify");
            assertThat(runtime.plugin("a-classify").tasks()).isEmpty();
            for (String id : List.of("classification", "a-classify")) {
                PluginInfo info = runtime.plugin(id);
                assertThat(info.conflicts()).singleElement().satisfies(c -> {
                    assertThat(c.kind()).isEqualTo("task");
                    assertThat(c.id()).isEqualTo("classify");
                    assertThat(c.plugins()).containsExactly("a-classify", "classification");
                    assertThat(c.servedBy()).isEqualTo("classification");
                    assertThat(c.message()).isEqualTo("task 'classify' is offered by a-classify and classification;"
                            + " classification serves it, being built in; set git.plugins.tasks.classify to choose"
                            + " another");
                });
                assertThat(info.lastError()).as("a conflict is not a failure of either plugin").isNull();
                assertThat(info.state()).isEqualTo(PluginStatus.STARTED);
            }
        }
    }

    @Test
    void configurationMovesTheTaskToTheNamedPlugin() {
        twoClassifiers();
        PluginSettings settings = PluginSettings.of(plugins).withOwners(Map.of("classify", "a-classify"), Map.of());
        try (PluginRuntime runtime = PluginRuntime.start(settings)) {
            assertThat(classify(runtime)).isEqualTo("newcomer");
            assertThat(runtime.plugin("a-classify").tasks()).containsExactly("classify");
            assertThat(runtime.plugin("classification").conflicts()).singleElement()
                    .satisfies(c -> assertThat(c.message()).endsWith("a-classify serves it (git.plugins.tasks.classify)"));
        }
    }

    @Test
    void disablingTheServingPluginHandsTheTaskToTheOtherAndEnablingItTakesItBack() {
        twoClassifiers();
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            runtime.disable("classification");
            assertThat(classify(runtime)).isEqualTo("newcomer");
            assertThat(runtime.plugin("a-classify").conflicts()).isEmpty();
            runtime.enable("classification");
            assertThat(classify(runtime)).isEqualTo("built-in");
        }
    }

    @Test
    void twoThirdPartyPluginsOfferingOneTaskServeItOnlyOnceConfigurationChooses() {
        TestPluginJar.constantTask("left", "describe", "left").writeTo(plugins);
        TestPluginJar.constantTask("right", "describe", "right").writeTo(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(runtime.tasks()).isEmpty();
            assertThatThrownBy(() -> PluginRuntimeTests.run(runtime, "describe", TaskOptions.NONE))
                    .isInstanceOf(UnknownTaskException.class)
                    .hasMessageStartingWith("task 'describe' is offered by left and right; no plugin serves it until"
                            + " git.plugins.tasks.describe names one of them");
            assertThat(runtime.plugin("left").conflicts()).singleElement()
                    .satisfies(c -> assertThat(c.servedBy()).isNull());
        }
        PluginSettings chosen = PluginSettings.of(plugins).withOwners(Map.of("describe", "right"), Map.of());
        try (PluginRuntime runtime = PluginRuntime.start(chosen)) {
            assertThat(PluginRuntimeTests.run(runtime, "describe", TaskOptions.NONE).text()).isEqualTo("right");
        }
    }

    @Test
    void backendsFollowTheSameRules() {
        TestPlugins.backends(plugins); // plugin test-backends: cpu and nowhere
        TestPluginJar.plugin("djl-cpu").source("test.djlcpu.Cpu", TestPlugins.backendSource("test.djlcpu", "cpu"))
                .writeTo(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(runtime.backends()).extracting(BackendDescriptor::id, BackendDescriptor::pluginId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cpu", "djl-cpu"),
                            org.assertj.core.groups.Tuple.tuple("nowhere", "test-backends"));
            assertThat(runtime.plugin("test-backends").conflicts()).singleElement()
                    .satisfies(c -> assertThat(c.message()).contains("backend 'cpu'")
                            .contains("set git.plugins.backends.cpu"));
        }
        PluginSettings chosen = PluginSettings.of(plugins).withOwners(Map.of(), Map.of("cpu", "test-backends"));
        try (PluginRuntime runtime = PluginRuntime.start(chosen)) {
            assertThat(runtime.plugin("test-backends").backends()).containsExactly("cpu", "nowhere");
        }
    }
}
