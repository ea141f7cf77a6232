package io.gitplatform.core.image;

/**
 * One pass's filter taps, as Pillow's {@code precompute_coeffs}: output pixel {@code i} reads {@code count[i]} source
 * pixels from {@code start[i]} with the weights {@code weights[i * ksize ...]}, which sum to 1.
 */
record ResampleCoefficients(int ksize, int[] start, int[] count, double[] weights) {

    /** Fixed-point fraction bits: 8 bits of result and 2 of headroom for the negative lobes, in an int. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    /** Taps for resizing {@code inSize} pixels to {@code outSize}; downscaling widens the kernel (antialiasing). */
    static ResampleCoefficients of(int inSize, int outSize, ResampleFilter filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        double[] weights = new double[outSize * ksize];
        double ss = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            // (int) truncates toward zero like the C cast; the clamp makes that agree with a floor.
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            int k = xx * ksize;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                weights[k + x] = w;
                ww += w;
            }
            if (ww != 0.0) {
                for (int x = 0; x < xmax; x++) {
                    weights[k + x] /= ww;
                }
            }
            start[xx] = xmin;
            count[xx] = xmax;
        }
        return new ResampleCoefficients(ksize, start, count, weights);
    }

    /**
     * The weights in fixed point as Pillow's {@code normalize_coeffs_8bpc}: scaled by 2^22 and rounded half away from
     * zero. The rounded taps no longer sum to exactly 2^22, which is why a float convolution differs in the last bit.
     */
    int[] fixedPoint() {
        int[] fixed = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i] * (1 << PRECISION_BITS);
            fixed[i] = (int) (w < 0 ? -0.5 + w : 0.5 + w);
        }
        return fixed;
    }

    /** First source pixel read by output pixel 0 through one past the last read by the last output pixel. */
    int firstUsed() {
        return start[0];
    }

    int endUsed() {
        int last = start.length - 1;
        return start[last] + count[last];
    }
}
