package io.gitplatform.app.api;

import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.core.generate.GenerationOptions;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.BindParam;

/**
 * Generation settings of a request, each optional (the checkpoint's generation_config.json fills the rest).
 * Sampling is on with {@code do_sample=true}, or when temperature, top_k, top_p or seed is given without
 * {@code do_sample}; {@code temperature=0} means greedy.
 */
public record GenerationParams(
        @Schema(description = "tokens to generate at most") @BindParam("max_new_tokens") Integer maxNewTokens,
        @Schema(description = "beam search width; 1 is greedy or sampling") @BindParam("num_beams") Integer numBeams,
        @Schema(description = "sampling temperature; 0 is greedy") Double temperature,
        @Schema(description = "sampling keeps the k most likely tokens (0 keeps all)") @BindParam("top_k") Integer topK,
        @Schema(description = "nucleus sampling probability mass in (0, 1]") @BindParam("top_p") Double topP,
        @Schema(description = "sampling seed: the same seed gives the same text") Long seed,
        @Schema(description = "sample instead of greedy or beam search") @BindParam("do_sample") Boolean doSample) {

    public static final GenerationParams NONE = new GenerationParams(null, null, null, null, null, null, null);

    /** The options in force: the checkpoint's defaults overridden by this request, within {@code git.limits}. */
    public GenerationOptions resolve(GenerationOptions defaults, LimitsProperties limits) {
        int maxNew = maxNewTokens == null ? Math.min(defaults.maxNewTokens(), limits.maxNewTokens()) : maxNewTokens;
        if (maxNew < 1) {
            throw ApiException.badOption("max_new_tokens must be at least 1, got " + maxNew);
        }
        if (maxNew > limits.maxNewTokens()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Too many tokens",
                    "max_new_tokens " + maxNew + " is over the limit of " + limits.maxNewTokens());
        }
        int beams = numBeams == null ? defaults.numBeams() : numBeams;
        if (beams > limits.maxBeams()) {
            throw ApiException.badOption("num_beams " + beams + " is over the limit of " + limits.maxBeams());
        }
        boolean greedyTemperature = temperature != null && temperature == 0;
        boolean sample;
        if (doSample != null) {
            sample = doSample;
        } else if (greedyTemperature) {
            sample = false;
        } else {
            sample = temperature != null || topK != null || topP != null || seed != null
                    || defaults.doSample() && numBeams == null;
        }
        try {
            return new GenerationOptions(maxNew, Math.min(defaults.minNewTokens(), maxNew),
                    sample && numBeams == null ? 1 : beams,
                    defaults.lengthPenalty(), defaults.earlyStopping(), sample,
                    temperature == null || greedyTemperature ? defaults.temperature() : temperature,
                    topK == null ? defaults.topK() : topK, topP == null ? defaults.topP() : topP,
                    seed == null ? defaults.seed() : seed);
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption(e.getMessage());
        }
    }
}
