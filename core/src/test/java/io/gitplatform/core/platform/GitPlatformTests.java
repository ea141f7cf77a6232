package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.testing.SharedFixtures;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: the backend chosen by configuration opens the model; tasks run by id; sub-requests share encodings. */
class GitPlatformTests {
    @TempDir
    Path plugins;

    private static ModelFolder model() {
        return ModelFolder.read(SharedFixtures.tinyShapes());
    }

    private PlatformSettings settings(String backend) {
        return new PlatformSettings(PluginSettings.of(plugins), new BackendSettings(backend, 0, null, 0));
    }

    @Test
    void opensTheModelOnTheConfiguredBackendAndRunsATaskById() {
        TestPlugins.backends(plugins);
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        try (GitPlatform platform = GitPlatform.open(settings("cpu"), model())) {
            assertThat(platform.tasks()).extracting(TaskDescriptor::id).containsExactly("echo");
            assertThat(platform.plugins().backends()).extracting(BackendDescriptor::id)
                    .containsExactly("cpu", "nowhere");
            TaskRequest request = TaskRequest.of(TaskInput.image(new RgbImage(4, 4, new byte[48])),
                    TaskOptions.builder().prompt("hi").build());
            assertThat(platform.run("echo", request).text()).isEqualTo("echo: hi (1 frames)");
        }
    }

    @Test
    void subRequestsSharingACacheAndAnInputRunTheVisionTowerOnce() {
        TestPlugins.backends(plugins);
        TestPlugins.echo(plugins, "1.0.0", "echo:");
        try (GitPlatform platform = GitPlatform.open(settings("cpu"), model())) {
            List<RgbImage> frames = List.of(new RgbImage(4, 4, new byte[48]), new RgbImage(4, 4, new byte[48]));
            TaskInput video = TaskInput.video(frames, new double[] {0, 0.5});
            AtomicInteger encodes = new AtomicInteger(); // vision passes the requests started
            try (EncodingCache cache = new EncodingCache()) {
                for (String prompt : List.of("a", "b", "c")) {
                    TaskRequest request = TaskRequest.of(video, TaskOptions.builder().prompt(prompt).build())
                            .withProgress((stage, fraction) -> encodes.addAndGet(isEncodeStart(stage, fraction)));
                    assertThat(platform.run("echo", request, cache).text()).endsWith("(2 frames)");
                }
            }
            assertThat(encodes).hasValue(1);
        }
    }

    private static int isEncodeStart(String stage, double fraction) {
        return stage.equals("encode") && fraction == 0 ? 1 : 0;
    }

    @Test
    void anUnavailableBackendFailsWithItsReasonAndNoStackTrace() {
        TestPlugins.backends(plugins);
        assertThatThrownBy(() -> GitPlatform.open(settings("nowhere"), model()))
                .isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessage("backend 'nowhere' (plugin test-backends) is not available on this machine: "
                        + "no accelerator found (install one)")
                .hasNoCause();
    }

    @Test
    void aBackendNoPluginServesFailsNamingTheBackendsThereAre() {
        TestPlugins.backends(plugins);
        assertThatThrownBy(() -> GitPlatform.open(settings("tpu"), model()))
                .isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("no backend 'tpu': the started plugins serve [cpu, nowhere]");
    }
}
