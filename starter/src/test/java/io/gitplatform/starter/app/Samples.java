package io.gitplatform.starter.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The git-tiny-shapes samples beside the clone ({@code -Dshared.dir}); only tests read them. */
final class Samples {

    /** samples.json's reference_caption of clip0 (6 frames) and image0. */
    static final String CLIP0_CAPTION = "a blue circle moving up";
    static final String IMAGE0_CAPTION = "a blue square on a gray background";

    private Samples() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("shared.dir", "../../shared"), "models/git-tiny-shapes/samples");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("samples not found at " + dir.toAbsolutePath() + " (set -Dshared.dir)");
        }
        return dir;
    }

    static Path image0() {
        return dir().resolve("image0_f0.png");
    }

    /** clip0's frames as a near-lossless H.264 MP4, kept in the repository beside the configuration. */
    static Path clip0Mp4() {
        return Path.of("../config/samples/clip0.mp4");
    }

    static List<Path> clip0() {
        return IntStream.range(0, 6).mapToObj(f -> dir().resolve("clip0_f" + f + ".png")).toList();
    }
}
