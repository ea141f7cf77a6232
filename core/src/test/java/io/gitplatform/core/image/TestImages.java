package io.gitplatform.core.image;

import io.gitplatform.spi.RgbImage;
import java.nio.file.Path;

/** Shared inputs of the image tests. */
final class TestImages {

    private TestImages() {
    }

    /** {@code fixtures/preprocess} under the shared dir the build passes, or beside the checkout when run alone. */
    static Path preprocessFixtures() {
        String dir = System.getProperty("shared.dir");
        return Path.of(dir != null ? dir : "../../shared").resolve("fixtures/preprocess");
    }

    /** A deterministic busy pattern; the expected Pillow bytes in {@link PillowResizeTests} were made from it. */
    static RgbImage gradient(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 37 + (i * i) % 251);
        }
        return new RgbImage(w, h, rgb);
    }
}
