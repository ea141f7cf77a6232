package io.gitplatform.starter.task;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.TokenListener;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.spi.TaskInput;
import io.gitplatform.core.tokenizer.TokenStream;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.autoconfigure.GitProperties;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.media.GitMediaDecoder;
import io.gitplatform.starter.model.GitModelRuntime;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What the task services share: decode the media, take a model slot, run the vision side once, and hand the encoded
 * input to the task; generation options are the request's, else {@code git.generation.*}, else the checkpoint's.
 */
public class GitTaskRunner {

    private final GitModelRuntime runtime;
    private final GitMediaDecoder decoder;
    private final GitProperties.Generation defaults;
    private final GitProperties.Limits limits;

    public GitTaskRunner(GitModelRuntime runtime, GitMediaDecoder decoder, GitProperties.Generation defaults,
            GitProperties.Limits limits) {
        this.runtime = runtime;
        this.decoder = decoder;
        this.defaults = defaults;
        this.limits = limits;
    }

    public GitModelRuntime runtime() {
        return runtime;
    }

    public GitProperties.Limits limits() {
        return limits;
    }

    /** Decodes outside the model slot (CPU work that needs no model), then encodes and runs {@code task} in one. */
    public <T> T run(GitMedia media, BiFunction<GitPipeline, EncodedInput, T> task) {
        TaskInput decoded = decoder.decode(media, runtime.pipeline().videoFrames());
        return runtime.call(pipeline -> {
            try (EncodedInput input = pipeline.encode(decoded.frames(), decoded.video())) {
                return task.apply(pipeline, input);
            }
        });
    }

    /** The configured defaults over the checkpoint's generation_config.json. */
    public GenerationOptions defaultOptions(GitPipeline pipeline) {
        GenerationOptions c = pipeline.defaultOptions();
        GitProperties.Generation d = defaults;
        boolean doSample = or(d.getDoSample(), c.doSample());
        int numBeams = or(d.getNumBeams(), c.numBeams());
        return checked(new GenerationOptions(
                or(d.getMaxNewTokens(), Math.min(c.maxNewTokens(), limits.getMaxNewTokens())),
                c.minNewTokens(), numBeams, or(d.getLengthPenalty(), c.lengthPenalty()),
                or(d.getEarlyStopping(), c.earlyStopping()), doSample && numBeams == 1,
                or(d.getTemperature(), c.temperature()), or(d.getTopK(), c.topK()), or(d.getTopP(), c.topP()),
                or(d.getSeed(), c.seed())));
    }

    /** {@code requested}, or the defaults when null; refused above {@code git.limits.max-new-tokens}. */
    public GenerationOptions options(GitPipeline pipeline, GenerationOptions requested) {
        return requested == null ? defaultOptions(pipeline) : checked(requested);
    }

    private GenerationOptions checked(GenerationOptions options) {
        if (options.maxNewTokens() > limits.getMaxNewTokens()) {
            throw new GitInputException("max new tokens " + options.maxNewTokens() + " is above git.limits"
                    + ".max-new-tokens (" + limits.getMaxNewTokens() + ")");
        }
        return options;
    }

    /** Streams the first row's text as deltas that join to the final decode; nothing when {@code onText} is null. */
    public static TokenListener textListener(GitPipeline pipeline, Consumer<String> onText) {
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

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
