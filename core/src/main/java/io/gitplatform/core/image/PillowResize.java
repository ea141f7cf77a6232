package io.gitplatform.core.image;

import static io.gitplatform.core.image.ResampleCoefficients.PRECISION_BITS;

import io.gitplatform.spi.RgbImage;

/**
 * Pillow's {@code Image.resize(size, resample)} (no box) for 8-bit RGB, ported from {@code ImagingResample} in
 * {@code libImaging/Resample.c} so the bytes are identical: antialiased convolution, fixed-point weights, the
 * horizontal pass first, a round to uint8 after each pass, and a pass skipped when its dimension does not change.
 * transformers' PIL-backed processors resize this way, so matching it bit for bit is what makes the pixels match.
 */
public final class PillowResize {

    /** Added before the final shift so that it rounds half up. */
    private static final int HALF = 1 << (PRECISION_BITS - 1);
    /** The largest Java array; the intermediate image is {@code width x source height}. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private PillowResize() {
    }

    public static RgbImage resize(RgbImage image, int width, int height, ResampleFilter filter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        if ((long) width * Math.max(height, image.height()) * 3 > MAX_BYTES) {
            throw new IllegalArgumentException("resizing " + image.width() + "x" + image.height() + " to " + width
                    + "x" + height + " needs more than " + MAX_BYTES + " bytes");
        }
        boolean horizontal = width != image.width();
        boolean vertical = height != image.height();
        if (!horizontal && !vertical) {
            return new RgbImage(width, height, image.rgb().clone());
        }
        ResampleCoefficients rows = ResampleCoefficients.of(image.height(), height, filter);
        RgbImage out = image;
        int rowOffset = 0;
        if (horizontal) {
            // Like Pillow, resample only the source rows the vertical pass will read.
            rowOffset = rows.firstUsed();
            out = horizontalPass(image, width, rowOffset, rows.endUsed(),
                    ResampleCoefficients.of(image.width(), width, filter));
        }
        return vertical ? verticalPass(out, height, rowOffset, rows) : out;
    }

    /** Resamples the rows {@code [rowFirst, rowEnd)} of {@code in} to {@code outWidth} columns. */
    private static RgbImage horizontalPass(RgbImage in, int outWidth, int rowFirst, int rowEnd,
            ResampleCoefficients c) {
        int[] k = c.fixedPoint();
        byte[] src = in.rgb();
        int rows = rowEnd - rowFirst;
        byte[] dst = new byte[outWidth * rows * 3];
        int o = 0;
        for (int y = 0; y < rows; y++) {
            int rowBase = (y + rowFirst) * in.width();
            for (int xx = 0; xx < outWidth; xx++) {
                int p = (rowBase + c.start()[xx]) * 3;
                int kk = xx * c.ksize();
                int s0 = HALF;
                int s1 = HALF;
                int s2 = HALF;
                for (int x = 0, n = c.count()[xx]; x < n; x++, p += 3) {
                    int w = k[kk + x];
                    s0 += (src[p] & 0xFF) * w;
                    s1 += (src[p + 1] & 0xFF) * w;
                    s2 += (src[p + 2] & 0xFF) * w;
                }
                dst[o++] = clip8(s0);
                dst[o++] = clip8(s1);
                dst[o++] = clip8(s2);
            }
        }
        return new RgbImage(outWidth, rows, dst);
    }

    /** Resamples columns to {@code outHeight} rows; {@code in}'s row 0 is source row {@code rowOffset}. */
    private static RgbImage verticalPass(RgbImage in, int outHeight, int rowOffset, ResampleCoefficients c) {
        int[] k = c.fixedPoint();
        byte[] src = in.rgb();
        int stride = in.width() * 3;
        byte[] dst = new byte[stride * outHeight];
        int o = 0;
        for (int yy = 0; yy < outHeight; yy++) {
            int first = (c.start()[yy] - rowOffset) * stride;
            int kk = yy * c.ksize();
            int n = c.count()[yy];
            for (int xx = 0; xx < stride; xx += 3) {
                int s0 = HALF;
                int s1 = HALF;
                int s2 = HALF;
                for (int y = 0, p = first + xx; y < n; y++, p += stride) {
                    int w = k[kk + y];
                    s0 += (src[p] & 0xFF) * w;
                    s1 += (src[p + 1] & 0xFF) * w;
                    s2 += (src[p + 2] & 0xFF) * w;
                }
                dst[o++] = clip8(s0);
                dst[o++] = clip8(s1);
                dst[o++] = clip8(s2);
            }
        }
        return new RgbImage(in.width(), outHeight, dst);
    }

    /** Pillow's {@code clip8}: drop the fraction bits (the accumulator already holds +0.5) and clamp to 0..255. */
    private static byte clip8(int accumulator) {
        int v = accumulator >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
