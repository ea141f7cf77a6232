package io.gitplatform.starter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gitplatform.core.platform.BackendDescriptor;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.core.platform.UnknownTaskException;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.model.GitModelRuntime;
import io.gitplatform.starter.task.GitCaptionService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The task services run the task heads of the built-in plugins (Maven dependencies of the starter, found on the class path), on the plugin runtime's workers, and
 * the djl-cpu backend plugin runs the model; a plugin disabled at run time takes its task away until it is enabled.
 */
@SpringBootTest(classes = ShapesApplication.class,
        properties = {"git.model.cache-dir=target/git-cache", "git.model.loading=startup"})
class PluginTasksIT {

    @Autowired
    GitModelRuntime runtime;

    @Autowired
    GitCaptionService captions;

    @Test
    void theConfiguredPluginsServeTheTasksAndTheBackend() {
        PluginRuntime plugins = runtime.platform().plugins();
        assertThat(plugins.tasks()).extracting(TaskDescriptor::id, TaskDescriptor::pluginId).containsExactlyInAnyOrder(
                tuple("caption", "video-captioning"), tuple("vqa", "vqa"), tuple("classify", "classification"),
                tuple("timeline", "timeline"));
        // the starter brings both backend plugins; git.backend.id (cpu by default) picks one
        assertThat(plugins.backends()).extracting(BackendDescriptor::id).containsExactly("cpu", "gpu");
        assertThat(runtime.platform().backend().id()).isEqualTo("cpu");

        Set<String> threads = ConcurrentHashMap.newKeySet();
        String caption = captions.caption(GitMedia.framesOf(Samples.clip0()), null,
                delta -> threads.add(Thread.currentThread().getName()), new CancellationFlag()).text();
        assertThat(caption).isEqualTo(Samples.CLIP0_CAPTION);
        // The head runs on a plugin worker; its tokens come from the batcher's generation loop below the heads.
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("git-task-") || name.equals("git-batcher"));
    }

    @Test
    void aDisabledPluginTakesItsTaskAway() {
        PluginRuntime plugins = runtime.platform().plugins();
        plugins.disable("video-captioning");
        try {
            assertThatThrownBy(() -> captions.caption(Samples.image0())).isInstanceOf(UnknownTaskException.class)
                    .hasMessageContaining("no task 'caption'");
        } finally {
            plugins.enable("video-captioning");
        }
        assertThat(captions.caption(Samples.image0()).text()).isEqualTo(Samples.IMAGE0_CAPTION);
    }
}
