package io.gitplatform.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server's own bounds under {@code git.limits.*}, beside the starter's (media size, pixels, video duration, decode
 * timeout, questions, labels, question length, new tokens), which bind to its {@code GitProperties}.
 *
 * @param maxImages      most images one chat request may carry (they become the frames of one video)
 * @param maxBeams       largest {@code num_beams} a request may ask for
 * @param requestTimeout wall-clock budget of one synchronous request, queueing included (then 504)
 * @param maxSegments    segments one timeline may produce (its {@code max-segments} option may ask for fewer; more
 *                       is a 400); past it the request fails with the segments so far
 * @param streamStall    a live stream URL that delivers no frame for this long ends its request with 504 "Stream
 *                       stalled", keeping the segments so far
 */
@ConfigurationProperties("git.limits")
public record ServingLimitsProperties(
        @DefaultValue("16") int maxImages,
        @DefaultValue("8") int maxBeams,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("1000") int maxSegments,
        @DefaultValue("20s") Duration streamStall) {
}
