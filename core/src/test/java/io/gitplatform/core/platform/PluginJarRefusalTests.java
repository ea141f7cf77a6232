package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jars the runtime refuses to load, each with a message that names what is wrong; the other plugins still load. */
class PluginJarRefusalTests {
    @TempDir
    Path plugins;

    /** Starts a runtime on the directory with {@code jar} and a good plugin; returns the refused jar's error. */
    private String refusal(TestPluginJar jar) {
        jar.writeTo(plugins);
        TestPluginJar.constantTask("good", "good", "fine").writeTo(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(runtime.plugin("good").state()).isEqualTo(PluginStatus.STARTED);
            PluginInfo refused = runtime.plugins().stream().filter(p -> !p.id().equals("good")).findFirst()
                    .orElseThrow(() -> new AssertionError("the bad jar was not listed: " + runtime.plugins()));
            assertThat(refused.state()).isEqualTo(PluginStatus.FAILED);
            assertThat(refused.tasks()).isEmpty();
            assertThat(runtime.tasks()).extracting(TaskDescriptor::id).containsExactly("good");
            return refused.lastError();
        }
    }

    @Test
    void aPluginVersionThatIsNoVersion() {
        assertThat(refusal(TestPluginJar.constantTask("odd", "odd", "x").version("not-a-version")))
                .isEqualTo("plugin odd: Plugin-Version 'not-a-version' is not a semantic version (MAJOR.MINOR.PATCH,"
                        + " e.g. 1.2.0)");
    }

    @Test
    void aPluginRequiresThePlatformDoesNotSatisfy() {
        assertThat(refusal(TestPluginJar.constantTask("future", "future", "x").requires(">=9.0.0")))
                .isEqualTo("plugin future: Plugin-Requires '>=9.0.0' is not satisfied by the platform's version "
                        + PlatformVersion.release());
    }

    @Test
    void aPluginRequiresThatIsNoExpression() {
        assertThat(refusal(TestPluginJar.constantTask("garbled", "garbled", "x").requires("soon please")))
                .startsWith("plugin garbled: Plugin-Requires 'soon please' is not a version expression");
    }

    @Test
    void aJarWithoutAnExtensionIndexWouldServeNothing() {
        assertThat(refusal(TestPluginJar.constantTask("unindexed", "unindexed", "x").withoutExtensionIndex()))
                .isEqualTo("plugin unindexed: the jar has no META-INF/extensions.idx, so it would serve nothing"
                        + " (annotate extensions with @org.pf4j.Extension and compile with pf4j on the annotation"
                        + " processor path)");
    }

    @Test
    void aPluginClassThatIsNotInTheJar() {
        assertThat(refusal(TestPluginJar.constantTask("classless", "classless", "x")
                .pluginClass("test.classless.MissingPlugin")))
                .isEqualTo("plugin classless: Plugin-Class test.classless.MissingPlugin is not in the jar"
                        + " (ClassNotFoundException)");
    }

    @Test
    void aPluginRequiresThePlatformSatisfiesIsAccepted() {
        TestPluginJar.constantTask("current", "current", "x").requires(">=" + PlatformVersion.release())
                .writeTo(plugins);
        try (PluginRuntime runtime = PluginRuntime.start(PluginSettings.of(plugins))) {
            assertThat(runtime.plugin("current").state()).isEqualTo(PluginStatus.STARTED);
        }
    }

    @Test
    void thePlatformVersionComesFromTheBuildAndASnapshotCountsAsItsRelease() {
        assertThat(PlatformVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
        assertThat(PlatformVersion.release("0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
        assertThat(PlatformVersion.release("1.2.3+build.5")).isEqualTo("1.2.3");
        assertThat(PlatformVersion.release("1.2.3")).isEqualTo("1.2.3");
    }
}
