package io.gitplatform.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what one request may ask of the server ({@code git.limits.*}; the keys shared with the starter's
 * {@code git.limits} have its names and defaults). Uploads over {@code maxMediaSize} are refused by the servlet
 * container (413) before they reach a controller.
 *
 * @param maxMediaSize      largest accepted image or video (multipart part or decoded data URL)
 * @param maxPixels          largest accepted frame, width x height, checked from the header before decoding
 * @param maxVideoDuration   longest accepted video
 * @param maxSourceFrames    most frames a video may have
 * @param maxImages          most images one chat message may carry (they become the frames of one video)
 * @param maxNewTokens       largest {@code max_new_tokens} a request may ask for
 * @param maxBeams           largest {@code num_beams} a request may ask for
 * @param maxQuestions       most questions in one ask request
 * @param maxLabels          most labels in one classify request
 * @param maxQuestionLength      longest question, prompt or label, in characters
 * @param decodeTimeout      wall-clock budget for decoding one upload
 * @param requestTimeout     wall-clock budget of one synchronous request, queueing included (then 504)
 */
@ConfigurationProperties("git.limits")
public record LimitsProperties(
        @DefaultValue("64MB") DataSize maxMediaSize,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("10m") Duration maxVideoDuration,
        @DefaultValue("100000") long maxSourceFrames,
        @DefaultValue("16") int maxImages,
        @DefaultValue("128") int maxNewTokens,
        @DefaultValue("8") int maxBeams,
        @DefaultValue("16") int maxQuestions,
        @DefaultValue("100") int maxLabels,
        @DefaultValue("500") int maxQuestionLength,
        @DefaultValue("30s") Duration decodeTimeout,
        @DefaultValue("60s") Duration requestTimeout) {
}
