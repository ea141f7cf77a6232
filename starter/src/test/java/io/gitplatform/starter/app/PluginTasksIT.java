package io.gitplatform.starter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gitplatform.core.platform.BackendDescriptor;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.core.spi.CancellationFlag;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaption;
import io.gitplatform.starter.task.GitCaptionService;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With plugin jars in {@code git.plugins.dir}, the task services run the plugins' task heads (on the plugin runtime's
 * worker threads) and the djl-cpu backend plugin prepares the engine; a disabled plugin hands its task back to the
 * built-in head.
 */
@SpringBootTest(classes = ShapesApplication.class, properties = "git.model.cache-dir=target/git-cache")
class PluginTasksIT {

    @DynamicPropertySource
    static void plugins(DynamicPropertyRegistry registry) {
        Path dir = PluginJars.folderWith(Path.of("target/plugin-tasks-it"), "video-captioning", "video-captioning",
                "vqa", "vqa", "classification", "classification", "djl-cpu", "djl-cpu");
        registry.add("git.plugins.dir", dir::toString);
    }

    @Autowired
    PluginRuntime plugins;

    @Autowired
    GitCaptionService captions;

    @Autowired
    GitAskService answers;

    @Test
    void pluginsServeTheTasksAndTheBackend() {
        assertThat(plugins.tasks()).extracting(TaskDescriptor::id, TaskDescriptor::pluginId)
                .contains(tuple("caption", "video-captioning"),
                        tuple("vqa", "vqa"),
                        tuple("classify", "classification"));
        assertThat(plugins.backends()).extracting(BackendDescriptor::id).contains("cpu");
        assertThat(answers.ask(Samples.image0(), "what color is the background?").text()).isEqualTo("gray");
    }

    @Test
    void aPluginRunsTheTaskAndADisabledOneHandsItBack() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        GitCaption viaPlugin = captions.caption(GitMedia.framesOf(Samples.clip0()), null,
                delta -> threads.add(Thread.currentThread().getName()), new CancellationFlag());
        assertThat(viaPlugin.text()).isEqualTo(Samples.CLIP0_CAPTION);
        assertThat(threads).allMatch(name -> name.startsWith("git-task-")).isNotEmpty();

        plugins.disable("video-captioning");
        try {
            threads.clear();
            GitCaption builtIn = captions.caption(GitMedia.framesOf(Samples.clip0()), null,
                    delta -> threads.add(Thread.currentThread().getName()), new CancellationFlag());
            assertThat(builtIn.text()).isEqualTo(Samples.CLIP0_CAPTION);
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        } finally {
            plugins.enable("video-captioning");
        }
        assertThat(plugins.tasks()).extracting(TaskDescriptor::id).containsAll(List.of("caption", "vqa"));
    }
}
