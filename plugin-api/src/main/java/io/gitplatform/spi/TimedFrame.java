package io.gitplatform.spi;

/** A frame of a {@link VideoSource} and the time it is shown, in seconds from the start of the video. */
public record TimedFrame(RgbImage image, double seconds) {
}
