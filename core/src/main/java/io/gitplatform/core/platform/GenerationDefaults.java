package io.gitplatform.core.platform;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.spi.GenerationSettings;

/**
 * What a task's generation settings fall back to and how far they may go: the configured defaults (YAML
 * {@code git.generation.*}) over the checkpoint's {@code generation_config.json}, and the largest token budget a
 * request may ask for.
 *
 * @param configured    overrides of the checkpoint's defaults, applied before the request's
 * @param maxNewTokens  the most tokens a request may ask for; a default above it is capped, a request above it refused
 */
public record GenerationDefaults(GenerationSettings configured, int maxNewTokens) {
    public static final GenerationDefaults NONE = new GenerationDefaults(GenerationSettings.DEFAULTS,
            GenerationOptions.MAX_NEW_TOKENS_LIMIT);

    public GenerationDefaults {
        configured = configured == null ? GenerationSettings.DEFAULTS : configured;
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be at least 1, got " + maxNewTokens);
        }
    }

    /**
     * The request's settings over the configured ones over the checkpoint's.
     *
     * @throws IllegalArgumentException when the request asks for more tokens than allowed, or the result is invalid
     */
    public GenerationOptions resolve(GenerationOptions checkpoint, GenerationSettings request) {
        GenerationSettings r = request == null ? GenerationSettings.DEFAULTS : request;
        if (r.maxNewTokens() != null && r.maxNewTokens() > maxNewTokens) {
            throw new IllegalArgumentException("max_new_tokens " + r.maxNewTokens() + " is above the limit of "
                    + maxNewTokens);
        }
        // Sampling asked for without a beam count does not inherit configured beams (no beam sampling).
        boolean requestSamples = Boolean.TRUE.equals(r.doSample()) && r.numBeams() == null;
        GenerationSettings c = configured;
        GenerationOptions base = checkpoint.with(new GenerationSettings(c.maxNewTokens(), c.minNewTokens(),
                requestSamples ? null : c.numBeams(), c.lengthPenalty(), c.earlyStopping(), c.doSample(),
                c.temperature(), c.topK(), c.topP(), c.seed()));
        if (base.maxNewTokens() > maxNewTokens) {
            base = base.withMaxNewTokens(maxNewTokens); // a default is capped, not refused
        }
        return base.with(r);
    }
}
