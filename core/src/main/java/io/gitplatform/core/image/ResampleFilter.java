package io.gitplatform.core.image;

/**
 * The resampling kernels of Pillow's {@code libImaging/Resample.c} that GIT's processors use, with Pillow's supports.
 * The formulas keep Pillow's operation order so every double matches the C code to the last bit.
 */
public enum ResampleFilter {
    BILINEAR(2, 1.0) {
        @Override
        double weight(double x) {
            x = Math.abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    },
    /** Keys' cubic convolution with a = -0.5, as Pillow (not the a = -0.75 of OpenCV or torchvision). */
    BICUBIC(3, 2.0) {
        @Override
        double weight(double x) {
            final double a = -0.5;
            x = Math.abs(x);
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }
    };

    private final int pilCode;
    private final double support;

    ResampleFilter(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** The filter for a PIL resample code ({@code preprocessor_config.json}'s {@code resample}). */
    public static ResampleFilter fromPil(int code) {
        for (ResampleFilter f : values()) {
            if (f.pilCode == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("PIL resample " + code + " is not supported (2 bilinear, 3 bicubic)");
    }

    public int pilCode() {
        return pilCode;
    }

    /** Half-width of the kernel at scale 1, in source pixels. */
    double support() {
        return support;
    }

    abstract double weight(double x);
}
