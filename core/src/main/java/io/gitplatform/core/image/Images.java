package io.gitplatform.core.image;

import io.gitplatform.spi.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Conversions between AWT images and {@link RgbImage}, with the colours PIL's {@code convert("RGB")} gives. */
public final class Images {

    private Images() {
    }

    /**
     * Any {@link BufferedImage} as 8-bit RGB. Alpha is dropped, not composited, as PIL does; palette images are looked
     * up; grey images repeat their grey level in R, G and B.
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        if (isGrey(image)) {
            // Read the samples: getRGB would treat Java's linear grey colour space as light and brighten it to sRGB.
            Raster raster = image.getRaster();
            double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            int[] row = new int[w];
            for (int y = 0, o = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) Math.round(row[x] * 255 / max);
                    rgb[o++] = v;
                    rgb[o++] = v;
                    rgb[o++] = v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0, o = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int argb = row[x];
                    rgb[o++] = (byte) (argb >> 16);
                    rgb[o++] = (byte) (argb >> 8);
                    rgb[o++] = (byte) argb;
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** An opaque {@code TYPE_INT_RGB} image, e.g. for thumbnails. */
    public static BufferedImage toBufferedImage(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        int[] pixels = new int[w * h];
        for (int i = 0, p = 0; i < pixels.length; i++, p += 3) {
            pixels[i] = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | rgb[p + 2] & 0xFF;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, pixels, 0, w);
        return out;
    }

    /** Grey stored as samples (any bit depth, with or without alpha); grey palettes go through the palette. */
    private static boolean isGrey(BufferedImage image) {
        return !(image.getColorModel() instanceof IndexColorModel)
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }
}
