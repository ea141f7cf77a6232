package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a frame's index into its picture as 8 black or white vertical stripes (most significant bit on the left),
 * which survive lossy codecs, chroma subsampling and GIF palettes, and reads it back.
 */
public final class FrameIndexCode {

    private static final int BITS = 8;
    private static final int STRIPE = ShapeVideos.SIZE / BITS;

    private FrameIndexCode() {
    }

    /** Frames 0..count-1, each showing its own index. */
    public static List<BufferedImage> frames(int count) {
        if (count > 1 << BITS) {
            throw new IllegalArgumentException("at most " + (1 << BITS) + " frames can be numbered, got " + count);
        }
        List<BufferedImage> frames = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            BufferedImage image = new BufferedImage(ShapeVideos.SIZE, ShapeVideos.SIZE, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            for (int bit = 0; bit < BITS; bit++) {
                g.setColor((index >> (BITS - 1 - bit) & 1) == 1 ? Color.WHITE : Color.BLACK);
                g.fillRect(bit * STRIPE, 0, STRIPE, ShapeVideos.SIZE);
            }
            g.dispose();
            frames.add(image);
        }
        return frames;
    }

    /** The index shown by a decoded frame: the mean brightness of each stripe's centre, thresholded at mid-gray. */
    public static int read(RgbImage image) {
        int index = 0;
        for (int bit = 0; bit < BITS; bit++) {
            long sum = 0;
            int n = 0;
            for (int y = 8; y < image.height() - 8; y++) {
                for (int x = bit * STRIPE + 2; x < bit * STRIPE + STRIPE - 2; x++) {
                    sum += image.get(x, y, 0) + image.get(x, y, 1) + image.get(x, y, 2);
                    n += 3;
                }
            }
            index = index << 1 | (sum / n >= 128 ? 1 : 0);
        }
        return index;
    }
}
