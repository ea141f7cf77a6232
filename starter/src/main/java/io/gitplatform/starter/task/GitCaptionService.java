package io.gitplatform.starter.task;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;

/** Captions images and videos (task {@code caption}). Inject it; define a bean of this type to replace it. */
public class GitCaptionService {

    /** The task id this service runs. */
    public static final String TASK = "caption";

    private final GitTaskRunner runner;

    public GitCaptionService(GitTaskRunner runner) {
        this.runner = runner;
    }

    public GitCaption caption(Path file) {
        return caption(GitMedia.of(file));
    }

    public GitCaption caption(Resource resource) {
        return caption(GitMedia.of(resource));
    }

    /** @param name a file name for messages, or null */
    public GitCaption caption(byte[] bytes, String name) {
        return caption(GitMedia.of(bytes, name));
    }

    public GitCaption caption(GitMedia media) {
        return caption(media, null);
    }

    /** @param generation overrides of the configured generation settings; null for none */
    public GitCaption caption(GitMedia media, GenerationSettings generation) {
        return caption(media, generation, null, new CancellationFlag());
    }

    /**
     * @param onText       receives the caption as it is generated, in pieces that join to the final text; or null
     * @param cancellation set it to stop generation at the next token (finish reason CANCELLED)
     */
    public GitCaption caption(GitMedia media, GenerationSettings generation, Consumer<String> onText,
            CancellationFlag cancellation) {
        TaskResult result = runner.run(TASK, media, TaskOptions.builder().generation(generation).build(), onText,
                cancellation);
        Answer caption = result.answers().get(0);
        return new GitCaption(caption.text(), caption.finish(), caption.promptTokens(), caption.completionTokens(),
                runner.runtime().modelName(), result.timings());
    }
}
