package io.gitplatform.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The plugin jars this module's jar carries ({@code git-platform-plugins/}, listed in {@code index.txt}), extracted
 * once per JVM into a temporary directory: PF4J loads plugins from files, and a spark-submit jar is all an executor
 * gets.
 */
final class BundledPlugins {
    private static final String ROOT = "git-platform-plugins/";
    private static Path directory;

    private BundledPlugins() {
    }

    static synchronized Path directory() {
        if (directory == null) {
            directory = extract();
        }
        return directory;
    }

    private static Path extract() {
        ClassLoader loader = BundledPlugins.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream(ROOT + "index.txt")) {
            if (index == null) {
                throw new IllegalStateException(ROOT + "index.txt is not on the class path: this jar was built"
                        + " without its plugins; set pluginsDir to a directory of plugin jars");
            }
            Path dir = Files.createTempDirectory("git-platform-plugins");
            dir.toFile().deleteOnExit();
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (name.isBlank()) {
                    continue;
                }
                try (InputStream jar = loader.getResourceAsStream(ROOT + name.strip())) {
                    if (jar == null) {
                        throw new IllegalStateException(ROOT + name.strip() + " is listed but not in the jar");
                    }
                    Path target = dir.resolve(name.strip());
                    Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled plugin jars", e);
        }
    }
}
