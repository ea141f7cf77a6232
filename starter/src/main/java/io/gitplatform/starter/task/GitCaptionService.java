package io.gitplatform.starter.task;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.TextResult;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;

/** Captions images and videos. Inject it; define a bean of this type to replace it. */
public class GitCaptionService {

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

    /** @param name a file name whose extension hints at the format, or null */
    public GitCaption caption(byte[] bytes, String name) {
        return caption(GitMedia.of(bytes, name));
    }

    public GitCaption caption(GitMedia media) {
        return caption(media, null);
    }

    /** @param options how to generate; null for the configured defaults */
    public GitCaption caption(GitMedia media, GenerationOptions options) {
        return caption(media, options, null, () -> false);
    }

    /**
     * @param onText    receives the caption as it is generated, in pieces that join to the final text; or null
     * @param cancelled polled between tokens: true stops generation with finish reason CANCELLED
     */
    public GitCaption caption(GitMedia media, GenerationOptions options, Consumer<String> onText,
            BooleanSupplier cancelled) {
        long start = System.nanoTime();
        return runner.run(media, (pipeline, input) -> {
            TextResult r = pipeline.caption(input, runner.options(pipeline, options),
                    GitTaskRunner.textListener(pipeline, onText), cancelled);
            return new GitCaption(r.text(), r.finish(), r.promptTokens(), r.completionTokens(), input.frames(),
                    input.video(), pipeline.folder().name(), Duration.ofNanos(System.nanoTime() - start));
        });
    }
}
