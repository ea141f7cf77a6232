package io.gitplatform.app.batch;

import io.gitplatform.core.pipeline.TextResult;
import java.util.List;

/**
 * One request's share of a batch.
 *
 * @param results     one per prompt, in order
 * @param model       the model that produced them
 * @param batchSize   requests in the forward pass this one shared
 * @param imageTokens image tokens the decoder attended to for this input
 * @param queueNanos  time waiting for the batch to start
 * @param encodeNanos the batch's vision pass
 * @param generateNanos the batch's generation loop
 */
public record BatchResult(List<TextResult> results, String model, int batchSize, int imageTokens, long queueNanos,
        long encodeNanos, long generateNanos) {
}
