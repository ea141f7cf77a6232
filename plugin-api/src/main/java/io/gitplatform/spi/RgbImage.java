package io.gitplatform.spi;

/**
 * A decoded picture as 8-bit RGB, row-major, 3 bytes per pixel: what every decoder hands to preprocessing.
 *
 * @param width  pixels per row
 * @param height rows
 * @param rgb    {@code width * height * 3} bytes, R G B interleaved
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " RGB bytes for "
                    + width + "x" + height + ", got " + rgb.length);
        }
    }

    /** The channel value (0..255) at column x, row y. */
    public int get(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xFF;
    }
}
