package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;

/** Box-filter downscaling of RGB frames, so a pass over a large video holds small frames. */
final class Downscale {

    private Downscale() {
    }

    /** The image scaled so that neither side exceeds {@code maxSide}, keeping its aspect; smaller images as they are. */
    static RgbImage fit(RgbImage image, int maxSide) {
        int w = image.width();
        int h = image.height();
        if (w <= maxSide && h <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / Math.max(w, h);
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        byte[] src = image.rgb();
        byte[] out = new byte[nw * nh * 3];
        for (int y = 0; y < nh; y++) {
            int y0 = y * h / nh;
            int y1 = Math.max(y0 + 1, (y + 1) * h / nh);
            for (int x = 0; x < nw; x++) {
                int x0 = x * w / nw;
                int x1 = Math.max(x0 + 1, (x + 1) * w / nw);
                long r = 0;
                long g = 0;
                long b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    int row = yy * w;
                    for (int xx = x0; xx < x1; xx++) {
                        int i = (row + xx) * 3;
                        r += src[i] & 0xFF;
                        g += src[i + 1] & 0xFF;
                        b += src[i + 2] & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                int o = (y * nw + x) * 3;
                out[o] = (byte) ((r + n / 2) / n);
                out[o + 1] = (byte) ((g + n / 2) / n);
                out[o + 2] = (byte) ((b + n / 2) / n);
            }
        }
        return new RgbImage(nw, nh, out);
    }
}
