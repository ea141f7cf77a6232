package io.gitplatform.starter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Plugin jars made from the plugin modules' compiled classes, with the descriptor their pom writes into the manifest:
 * the same jars as {@code mvn package} makes, available already in the test phase. The starter's pom names the plugin
 * modules (as poms) so that the reactor compiles them first.
 */
public final class PluginJars {

    private static final Path STANDARD = Path.of("target/test-plugins");

    private PluginJars() {
    }

    /** A folder with the caption, vqa and classification task plugins and the djl-cpu backend. */
    public static synchronized Path standard() {
        return folderWith(STANDARD, "video-captioning", "video-captioning", "vqa", "vqa", "classification",
                "classification", "djl-cpu", "djl-cpu");
    }

    /** A folder with the caption and timeline task plugins and the djl-cpu backend. */
    public static synchronized Path withTimeline() {
        return folderWith(Path.of("target/test-plugins-timeline"), "video-captioning", "video-captioning",
                "timeline", "timeline", "djl-cpu", "djl-cpu");
    }

    /** @param modules plugin module folder name and plugin id, alternating */
    private static Path folderWith(Path dir, String... modules) {
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < modules.length; i += 2) {
                write(dir, modules[i], modules[i + 1]);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String module, String id) throws IOException {
        Path classes = Path.of("../plugins", module, "target/classes");
        if (!Files.isRegularFile(classes.resolve("META-INF/extensions.idx"))) {
            throw new IllegalStateException(classes.toAbsolutePath() + " has no compiled plugin: build with -am");
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "0.1.0");
        main.putValue("Plugin-Provider", "starter tests");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve(id + ".jar")), manifest);
                Stream<Path> walk = Files.walk(classes)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }
}
