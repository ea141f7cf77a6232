package io.gitplatform.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reference fixtures beside the clone are ({@code ../shared}); only tests read them. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("reference fixtures not found at " + dir.toAbsolutePath()
                    + " (set -Dshared.dir)");
        }
        return dir.toAbsolutePath().normalize();
    }

    public static Path tinyRandom() {
        return root().resolve("fixtures/git-tiny-random");
    }

    public static Path preprocess() {
        return root().resolve("fixtures/preprocess");
    }

    public static Path tinyShapes() {
        return root().resolve("models/git-tiny-shapes");
    }
}
