package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;
import java.util.Optional;

/**
 * A right-angle rotation and/or mirror taken from a display matrix (ISO BMFF / FFmpeg semantics: the stored pixel
 * (x, y) is shown at (a*x + c*y, b*x + d*y), y pointing down), applied so that phone videos and EXIF-rotated JPEGs
 * come out upright. Entries are -1, 0 or 1.
 */
record DisplayTransform(int a, int b, int c, int d) {

    static final DisplayTransform IDENTITY = new DisplayTransform(1, 0, 0, 1);

    /**
     * From a 3x3 display matrix (a, b at [0], [1]; c, d at [3], [4], 16.16 fixed point). Empty when the matrix is
     * not a right-angle rotation or mirror (any scale is ignored).
     */
    static Optional<DisplayTransform> fromMatrix(int[] m) {
        double scale = Math.max(Math.max(Math.abs((double) m[0]), Math.abs((double) m[1])),
                Math.max(Math.abs((double) m[3]), Math.abs((double) m[4])));
        if (scale == 0) {
            return Optional.empty();
        }
        double[] unit = {m[0] / scale, m[1] / scale, m[3] / scale, m[4] / scale};
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            r[i] = (int) Math.round(unit[i]);
            if (Math.abs(unit[i] - r[i]) > 0.01) {
                return Optional.empty();
            }
        }
        boolean straight = r[0] != 0 && r[3] != 0 && r[1] == 0 && r[2] == 0;
        boolean turned = r[0] == 0 && r[3] == 0 && r[1] != 0 && r[2] != 0;
        return straight || turned ? Optional.of(new DisplayTransform(r[0], r[1], r[2], r[3])) : Optional.empty();
    }

    boolean isIdentity() {
        return equals(IDENTITY);
    }

    RgbImage apply(RgbImage src) {
        if (isIdentity()) {
            return src;
        }
        int w = src.width();
        int h = src.height();
        boolean swap = a == 0;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        // Shift so that the smallest mapped coordinate is 0.
        int offX = -(Math.min(0, a * (w - 1)) + Math.min(0, c * (h - 1)));
        int offY = -(Math.min(0, b * (w - 1)) + Math.min(0, d * (h - 1)));
        byte[] in = src.rgb();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dst = ((b * x + d * y + offY) * outW + a * x + c * y + offX) * 3;
                int from = (y * w + x) * 3;
                out[dst] = in[from];
                out[dst + 1] = in[from + 1];
                out[dst + 2] = in[from + 2];
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** E.g. "rotated 90° clockwise" or "rotated 90° clockwise and mirrored". */
    String describe() {
        // A rotation by t clockwise has b = sin t, d = cos t; a mirror flips the sign of a and c only.
        long degrees = Math.floorMod(Math.round(Math.toDegrees(Math.atan2(b, d))), 360);
        boolean mirrored = a * d - b * c < 0;
        String rotation = degrees == 0 ? "" : "rotated " + degrees + "° clockwise";
        return mirrored ? (rotation.isEmpty() ? "mirrored" : rotation + " and mirrored") : rotation;
    }
}
