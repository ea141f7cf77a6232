package io.gitplatform.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reference fixtures beside the clone are ({@code ../shared}); only tests read them. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("shared.dir");
        Path dir = configured != null ? Path.of(configured) : besideAClone();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("reference fixtures not found at " + dir.toAbsolutePath()
                    + " (set -Dshared.dir)");
        }
        return dir.toAbsolutePath().normalize();
    }

    /** {@code shared} beside the nearest folder above the working directory that has one (any module depth). */
    private static Path besideAClone() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/models"))) {
                return p.resolve("shared");
            }
        }
        return Path.of("../../shared");
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
