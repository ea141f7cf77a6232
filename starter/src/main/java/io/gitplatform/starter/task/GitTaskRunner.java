package io.gitplatform.starter.task;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.platform.TaskFailedException;
import io.gitplatform.core.platform.UnknownTaskException;
import io.gitplatform.core.tokenizer.TokenStream;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TokenListener;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.autoconfigure.GitProperties;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.media.GitMediaDecoder;
import io.gitplatform.starter.model.GitModelRuntime;
import java.util.function.Consumer;

/**
 * Runs a task by id through the platform: decode the media, take a model slot, and let the task head of a started
 * plugin run the request (under the plugin runtime's guards and timeout). Generation settings are the request's, else
 * {@code git.generation.*}, else the checkpoint's.
 */
public class GitTaskRunner {

    private final GitModelRuntime runtime;
    private final GitMediaDecoder decoder;
    private final GitProperties.Limits limits;

    public GitTaskRunner(GitModelRuntime runtime, GitMediaDecoder decoder, GitProperties.Limits limits) {
        this.runtime = runtime;
        this.decoder = decoder;
        this.limits = limits;
    }

    public GitModelRuntime runtime() {
        return runtime;
    }

    public GitProperties.Limits limits() {
        return limits;
    }

    /**
     * @param options      what the task reads (questions, labels, prompt, generation overrides)
     * @param onText       receives the first generated text as deltas that join to its final text; or null
     * @param cancellation set it to stop generation at the next token
     * @throws UnknownTaskException when no started plugin serves {@code taskId}
     * @throws TaskFailedException   when the plugin fails or runs past {@code git.plugins.task-timeout}
     */
    public TaskResult run(String taskId, GitMedia media, TaskOptions options, Consumer<String> onText,
            CancellationFlag cancellation) {
        return run(taskId, media, options, onText, cancellation, null);
    }

    /** @param progress hears the task's stages and its partial results (a timeline's segments); or null */
    public TaskResult run(String taskId, GitMedia media, TaskOptions options, Consumer<String> onText,
            CancellationFlag cancellation, ProgressListener progress) {
        return run(taskId, decoder.decode(media, runtime.platform().pipeline().videoFrames()), options, onText,
                cancellation, progress);
    }

    /** {@link #run(String, GitMedia, TaskOptions, Consumer, CancellationFlag, ProgressListener)} on a built input. */
    public TaskResult run(String taskId, TaskInput input, TaskOptions options, Consumer<String> onText,
            CancellationFlag cancellation, ProgressListener progress) {
        return runtime.call(platform -> {
            GitPipeline pipeline = platform.pipeline();
            TaskRequest request = new TaskRequest(input, options, textListener(pipeline, onText),
                    cancellation, progress);
            try {
                return platform.run(taskId, request);
            } catch (IllegalArgumentException e) {
                // The task head's way of saying the request is invalid.
                throw e instanceof GitInputException ? e : new GitInputException(e.getMessage(), e);
            }
        });
    }

    /** Streams the first row's text as deltas that join to the final decode; nothing when {@code onText} is null. */
    private static TokenListener textListener(GitPipeline pipeline, Consumer<String> onText) {
        if (onText == null) {
            return TokenListener.NONE;
        }
        TokenStream stream = pipeline.tokenizer().stream();
        return (row, token) -> {
            if (row == 0) {
                String delta = stream.push(token);
                if (!delta.isEmpty()) {
                    onText.accept(delta);
                }
            }
        };
    }

}
