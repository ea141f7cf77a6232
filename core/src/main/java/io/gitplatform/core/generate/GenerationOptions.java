package io.gitplatform.core.generate;

import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.GenerationSettings;
import java.util.Objects;

/**
 * How to generate, with transformers' meanings. {@code numBeams > 1} selects beam search, {@code doSample} seeded
 * sampling, otherwise greedy.
 *
 * @param maxNewTokens  tokens to generate at most (transformers' max_new_tokens)
 * @param minNewTokens  the end token is forbidden until this many tokens were generated
 * @param lengthPenalty beam scores are divided by {@code length ** lengthPenalty}
 * @param earlyStopping when beam search settles a prompt (transformers' early_stopping: true, false or "never")
 * @param temperature   sampling temperature (> 0)
 * @param topK          sampling keeps the k most likely tokens (0 keeps all)
 * @param topP          sampling keeps the smallest set of tokens whose probability reaches p (1 keeps all)
 * @param seed          the sampling seed: the same seed gives the same tokens
 * @param frequencyPenalty OpenAI's: each generated token's logit is lowered by this times its count so far (-2..2)
 * @param presencePenalty  OpenAI's: a token's logit is lowered by this once it was generated (-2..2)
 */
public record GenerationOptions(
        int maxNewTokens,
        int minNewTokens,
        int numBeams,
        double lengthPenalty,
        EarlyStopping earlyStopping,
        boolean doSample,
        double temperature,
        int topK,
        double topP,
        long seed,
        double frequencyPenalty,
        double presencePenalty) {

    /** Upper bounds for values that arrive from outside (requests, YAML). */
    public static final int MAX_NEW_TOKENS_LIMIT = 512;
    public static final int MAX_BEAMS = 16;

    public static final double MAX_PENALTY = 2.0;

    /** Options without penalties. */
    public GenerationOptions(int maxNewTokens, int minNewTokens, int numBeams, double lengthPenalty,
            EarlyStopping earlyStopping, boolean doSample, double temperature, int topK, double topP, long seed) {
        this(maxNewTokens, minNewTokens, numBeams, lengthPenalty, earlyStopping, doSample, temperature, topK, topP, seed,
                0, 0);
    }

    public GenerationOptions {
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        if (!(Math.abs(frequencyPenalty) <= MAX_PENALTY) || !(Math.abs(presencePenalty) <= MAX_PENALTY)) {
            throw new IllegalArgumentException("frequency and presence penalties must be between -2 and 2, got "
                    + frequencyPenalty + " and " + presencePenalty);
        }
        if (numBeams > 1 && (frequencyPenalty != 0 || presencePenalty != 0)) {
            throw new IllegalArgumentException("frequency and presence penalties need numBeams 1");
        }
        if (maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS_LIMIT) {
            throw new IllegalArgumentException("maxNewTokens must be between 1 and " + MAX_NEW_TOKENS_LIMIT
                    + ", got " + maxNewTokens);
        }
        if (minNewTokens < 0 || minNewTokens > maxNewTokens) {
            throw new IllegalArgumentException("minNewTokens must be between 0 and maxNewTokens, got " + minNewTokens);
        }
        if (numBeams < 1 || numBeams > MAX_BEAMS) {
            throw new IllegalArgumentException("numBeams must be between 1 and " + MAX_BEAMS + ", got " + numBeams);
        }
        if (doSample && numBeams > 1) {
            throw new IllegalArgumentException("beam sampling is not supported: use numBeams 1 with doSample");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be 0 (off) or positive, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (Double.isNaN(lengthPenalty) || Double.isInfinite(lengthPenalty)) {
            throw new IllegalArgumentException("lengthPenalty must be a finite number");
        }
    }

    public static GenerationOptions greedy(int maxNewTokens) {
        return new GenerationOptions(maxNewTokens, 0, 1, 1.0, EarlyStopping.HEURISTIC, false, 1.0, 50, 1.0, 0);
    }

    public static GenerationOptions beams(int numBeams, int maxNewTokens, double lengthPenalty,
                                          EarlyStopping earlyStopping) {
        return new GenerationOptions(maxNewTokens, 0, numBeams, lengthPenalty, earlyStopping, false, 1.0, 50, 1.0, 0);
    }

    public static GenerationOptions sampling(int maxNewTokens, double temperature, int topK, double topP, long seed) {
        return new GenerationOptions(maxNewTokens, 0, 1, 1.0, EarlyStopping.HEURISTIC, true, temperature, topK, topP, seed);
    }

    /** The checkpoint's {@code generation_config.json} defaults. */
    public static GenerationOptions from(GenerationConfig c) {
        return new GenerationOptions(Math.min(c.max_new_tokens(), MAX_NEW_TOKENS_LIMIT), 0, c.num_beams(),
                c.length_penalty(), EarlyStopping.parse(c.early_stopping()), c.do_sample() && c.num_beams() == 1, c.temperature(),
                c.top_k(), c.top_p(), 0);
    }

    /**
     * A request's overrides on top of these defaults. Asking for sampling without a beam count means one beam (the
     * checkpoint may default to beam search, and beam sampling is not supported).
     *
     * @throws IllegalArgumentException when the result is not valid
     */
    public GenerationOptions with(GenerationSettings overrides) {
        GenerationSettings o = overrides;
        boolean sample = o.doSample() != null ? o.doSample() : doSample;
        int beams = o.numBeams() != null ? o.numBeams() : sample ? 1 : numBeams;
        if (o.numBeams() != null && o.numBeams() > 1 && o.doSample() == null) {
            sample = false;
        }
        int max = o.maxNewTokens() != null ? o.maxNewTokens() : maxNewTokens;
        return new GenerationOptions(max,
                o.minNewTokens() != null ? o.minNewTokens() : Math.min(minNewTokens, max),
                beams,
                o.lengthPenalty() != null ? o.lengthPenalty() : lengthPenalty,
                o.earlyStopping() != null ? o.earlyStopping() : earlyStopping,
                sample,
                o.temperature() != null ? o.temperature() : temperature,
                o.topK() != null ? o.topK() : topK,
                o.topP() != null ? o.topP() : topP,
                o.seed() != null ? o.seed() : seed,
                o.frequencyPenalty() != null ? o.frequencyPenalty() : frequencyPenalty,
                o.presencePenalty() != null ? o.presencePenalty() : presencePenalty);
    }

    public GenerationOptions withMaxNewTokens(int n) {
        return new GenerationOptions(n, Math.min(minNewTokens, n), numBeams, lengthPenalty, earlyStopping, doSample,
                temperature, topK, topP, seed, frequencyPenalty, presencePenalty);
    }

    public GenerationOptions withMinNewTokens(int n) {
        return new GenerationOptions(maxNewTokens, n, numBeams, lengthPenalty, earlyStopping, doSample, temperature,
                topK, topP, seed, frequencyPenalty, presencePenalty);
    }
}
