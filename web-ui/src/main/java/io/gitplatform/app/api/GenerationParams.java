package io.gitplatform.app.api;

import io.gitplatform.app.config.Limits;
import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.GenerationSettings;
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
        @Schema(description = "sample instead of greedy or beam search") @BindParam("do_sample") Boolean doSample,
        @Schema(description = "beam scores are divided by length ** length_penalty")
        @BindParam("length_penalty") Double lengthPenalty,
        @Schema(description = "when beam search stops: true, false or never (transformers' early_stopping)",
                allowableValues = {"true", "false", "never"})
        @BindParam("early_stopping") String earlyStopping) {

    public static final GenerationParams NONE = new GenerationParams(null, null, null, null, null, null, null, null,
            null);

    /**
     * The request's overrides, as the REST API reads them: temperature 0 means greedy, and any sampling parameter
     * without {@code do_sample} asks for sampling. The platform checks the ranges and the token limit.
     */
    public GenerationSettings settings(Limits limits) {
        if (maxNewTokens != null && maxNewTokens > limits.maxNewTokens()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Too many tokens",
                    "max_new_tokens " + maxNewTokens + " is over the limit of " + limits.maxNewTokens());
        }
        if (numBeams != null && numBeams > limits.maxBeams()) {
            throw ApiException.badOption("num_beams " + numBeams + " is over the limit of " + limits.maxBeams());
        }
        boolean greedyTemperature = temperature != null && temperature == 0;
        Boolean sample = doSample;
        if (sample == null && (greedyTemperature || temperature != null || topK != null || topP != null
                || seed != null)) {
            sample = !greedyTemperature;
        }
        EarlyStopping stopping;
        try {
            stopping = earlyStopping == null || earlyStopping.isBlank() ? null : EarlyStopping.parse(earlyStopping);
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption(e.getMessage());
        }
        return new GenerationSettings(maxNewTokens, null, numBeams, lengthPenalty, stopping, sample,
                greedyTemperature ? null : temperature, topK, topP, seed);
    }
}
