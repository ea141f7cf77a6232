package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;

/**
 * One decoded frame, copied out of the grabber and upright.
 *
 * @param image     the frame with {@code transform} applied
 * @param seconds   presentation time from the start of the stream
 * @param transform the display rotation/mirror that was applied
 */
record Picture(RgbImage image, double seconds, DisplayTransform transform) {
}
