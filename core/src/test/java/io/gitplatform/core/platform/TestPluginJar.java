package io.gitplatform.core.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar at test time the way Maven builds the real ones: sources compiled against the test class path
 * with PF4J's annotation processor writing {@code META-INF/extensions.idx}, and the descriptor in the manifest. The
 * classes exist only in the jar, so PF4J's loader is the only one that can define them. (PF4J's own
 * {@code org.pf4j.test.PluginJar} writes extension classes only: no {@code Plugin} class, no helper classes.)
 */
public final class TestPluginJar {
    private final String id;
    private String version = "1.0.0";
    private String requires;
    private String pluginClass;
    private boolean extensionIndex = true;
    private final Map<String, String> sources = new LinkedHashMap<>();

    private TestPluginJar(String id) {
        this.id = id;
    }

    public static TestPluginJar plugin(String id) {
        return new TestPluginJar(id);
    }

    /**
     * A plugin whose one task head, {@code taskId}, takes images and videos and answers {@code text} without looking
     * at the input: for tests about which plugin serves a task.
     */
    public static TestPluginJar constantTask(String id, String taskId, String text) {
        String type = "test." + id.replaceAll("[^a-z0-9]", "") + ".ConstantTask";
        return plugin(id).source(type, """
                package %s;
                import io.gitplatform.spi.*;
                import java.util.List;
                import java.util.Set;
                @org.pf4j.Extension
                public class ConstantTask implements TaskHead {
                    public String id() { return "%s"; }
                    public String description() { return "answers %s"; }
                    public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE, InputKind.VIDEO); }
                    public List<TaskOption> options() { return List.of(); }
                    public TaskResult run(TaskRequest request, TaskContext context) {
                        return new TaskResult(id(), "%s", List.of(), List.of(), TokenUsage.NONE, context.timings(),
                                io.gitplatform.spi.FinishReason.EOS);
                    }
                }
                """.formatted(type.substring(0, type.lastIndexOf('.')), taskId, text, text));
    }

    /** The manifest's {@code Plugin-Version}. */
    public TestPluginJar version(String value) {
        version = value;
        return this;
    }

    /** The manifest's {@code Plugin-Requires}. */
    public TestPluginJar requires(String expression) {
        requires = expression;
        return this;
    }

    public TestPluginJar pluginClass(String className) {
        pluginClass = className;
        return this;
    }

    /** Leaves out {@code META-INF/extensions.idx}, as a build without PF4J's annotation processor does. */
    public TestPluginJar withoutExtensionIndex() {
        extensionIndex = false;
        return this;
    }

    /** A source file; its class name is read from its package and first public type. */
    public TestPluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Compiles the sources and writes {@code <id>-<version>.jar} into {@code directory}. */
    public Path writeTo(Path directory) {
        try {
            Path classes = Files.createTempDirectory("plugin-" + id + "-classes");
            compile(classes);
            if (!extensionIndex) {
                Files.deleteIfExists(classes.resolve("META-INF/extensions.idx"));
            }
            Path jar = directory.resolve(id + "-" + version + ".jar");
            Files.createDirectories(directory);
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue("Plugin-Id", id);
            main.putValue("Plugin-Version", version);
            main.putValue("Plugin-Provider", "tests");
            main.putValue("Plugin-Description", "test plugin " + id);
            if (pluginClass != null) {
                main.putValue("Plugin-Class", pluginClass);
            }
            if (requires != null) {
                main.putValue("Plugin-Requires", requires);
            }
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out,
                    manifest); Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(f));
                    jarOut.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                Path.of(name.replace('.', '/') + ".java").toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "--release", "17");
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            if (!javac.getTask(null, files, null, options, null, units).call()) {
                throw new IllegalStateException("test plugin " + id + " does not compile");
            }
        }
    }
}
