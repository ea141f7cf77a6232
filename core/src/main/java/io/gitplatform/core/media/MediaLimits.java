package io.gitplatform.core.media;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what {@link MediaDecoder} accepts, so that one upload cannot exhaust memory or time.
 *
 * @param maxBytes           largest accepted input
 * @param maxPixels          largest accepted frame (width x height), checked from headers before any pixel is decoded
 * @param maxDurationSeconds longest accepted video
 * @param maxFrameCount      most frames a video may have (also bounds sequential decoding)
 * @param timeout            wall-clock budget of one decode; exceeding it aborts with {@link MediaException.Reason#TIMEOUT}
 */
public record MediaLimits(long maxBytes, long maxPixels, double maxDurationSeconds, long maxFrameCount,
                          Duration timeout) {

    public MediaLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxBytes <= 0 || maxPixels <= 0 || !(maxDurationSeconds > 0) || maxFrameCount <= 0
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("media limits must be positive: " + maxBytes + " bytes, " + maxPixels
                    + " pixels, " + maxDurationSeconds + " s, " + maxFrameCount + " frames, " + timeout);
        }
    }

    /** 512 MiB, 40 MP per frame (8K is 33 MP), 2 hours, a million frames, 60 seconds. */
    public static MediaLimits defaults() {
        return new MediaLimits(512L << 20, 40_000_000L, 2 * 3600, 1_000_000L, Duration.ofSeconds(60));
    }
}
