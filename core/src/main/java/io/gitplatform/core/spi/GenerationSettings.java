package io.gitplatform.core.spi;

import io.gitplatform.core.generate.GenerationOptions;
import java.util.List;

/**
 * Generation overrides from a request: every field is optional, and what is left null comes from the checkpoint's
 * {@code generation_config.json} ({@link io.gitplatform.core.pipeline.GitPipeline#defaultOptions()}). Meanings are
 * {@link GenerationOptions}' (transformers').
 */
public record GenerationSettings(
        Integer maxNewTokens,
        Integer minNewTokens,
        Integer numBeams,
        Double lengthPenalty,
        Boolean earlyStopping,
        Boolean doSample,
        Double temperature,
        Integer topK,
        Double topP,
        Long seed) {

    /** No overrides: the checkpoint's defaults. */
    public static final GenerationSettings DEFAULTS = new GenerationSettings(null, null, null, null, null, null, null,
            null, null, null);

    /** The options every generating task head accepts, named as the REST layer spells them. */
    public static final List<TaskOption> OPTIONS = List.of(
            new TaskOption("generation.max_new_tokens", OptionType.INTEGER, null,
                    "tokens to generate at most (default: the model's generation_config.json)"),
            new TaskOption("generation.min_new_tokens", OptionType.INTEGER, "0",
                    "the end token is forbidden until this many tokens were generated"),
            new TaskOption("generation.num_beams", OptionType.INTEGER, null, "beams for beam search (1: no beams)"),
            new TaskOption("generation.length_penalty", OptionType.NUMBER, null,
                    "beam scores are divided by length ** length_penalty"),
            new TaskOption("generation.early_stopping", OptionType.BOOLEAN, null,
                    "beam search stops when every beam has a finished hypothesis"),
            new TaskOption("generation.do_sample", OptionType.BOOLEAN, null, "sample instead of greedy/beam search"),
            new TaskOption("generation.temperature", OptionType.NUMBER, null, "sampling temperature (> 0)"),
            new TaskOption("generation.top_k", OptionType.INTEGER, null, "sampling keeps the k most likely tokens"),
            new TaskOption("generation.top_p", OptionType.NUMBER, null,
                    "sampling keeps the smallest token set whose probability reaches p"),
            new TaskOption("generation.seed", OptionType.INTEGER, "0", "sampling seed: the same seed, the same text"));

    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, null, 1, null, null, false, null, null, null, null);
    }

    public static GenerationSettings beams(int numBeams, int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, null, numBeams, null, null, false, null, null, null, null);
    }

    public static GenerationSettings sampling(double temperature, int topK, double topP, long seed) {
        return new GenerationSettings(null, null, 1, null, null, true, temperature, topK, topP, seed);
    }

    /**
     * These overrides on top of {@code defaults}. Asking for sampling without a beam count means one beam (the
     * checkpoint may default to beam search, and beam sampling is not supported).
     *
     * @throws IllegalArgumentException when the result is not a valid {@link GenerationOptions}
     */
    public GenerationOptions applyTo(GenerationOptions defaults) {
        boolean sample = doSample != null ? doSample : defaults.doSample();
        int beams = numBeams != null ? numBeams : sample ? 1 : defaults.numBeams();
        if (numBeams != null && numBeams > 1 && doSample == null) {
            sample = false;
        }
        int max = maxNewTokens != null ? maxNewTokens : defaults.maxNewTokens();
        return new GenerationOptions(max,
                minNewTokens != null ? minNewTokens : Math.min(defaults.minNewTokens(), max),
                beams,
                lengthPenalty != null ? lengthPenalty : defaults.lengthPenalty(),
                earlyStopping != null ? earlyStopping : defaults.earlyStopping(),
                sample,
                temperature != null ? temperature : defaults.temperature(),
                topK != null ? topK : defaults.topK(),
                topP != null ? topP : defaults.topP(),
                seed != null ? seed : defaults.seed());
    }
}
