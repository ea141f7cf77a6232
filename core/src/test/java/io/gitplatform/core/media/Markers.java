package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;

/** Finds the red corner marker that rotation tests paint into their pictures. */
final class Markers {

    private Markers() {
    }

    static boolean isRed(RgbImage image, int x, int y) {
        return image.get(x, y, 0) > 180 && image.get(x, y, 1) < 80 && image.get(x, y, 2) < 80;
    }
}
