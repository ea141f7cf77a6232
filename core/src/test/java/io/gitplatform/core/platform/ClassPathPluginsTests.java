package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginDescriptor;

/**
 * Plugins found on the class path: one per root holding the descriptor, each seeing only its own extensions index
 * even though the application's class loader sees every root's.
 */
class ClassPathPluginsTests {

    @TempDir
    Path tmp;

    private Path root(String name, String id, String extension) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Path meta = Files.createDirectories(root.resolve("META-INF/git-platform"));
        Files.writeString(meta.resolve("plugin.properties"), "plugin.id=" + id + "\nplugin.version=1.2.3\n"
                + "plugin.provider=tests\nplugin.description=" + id + " for tests\n");
        Files.writeString(root.resolve(ClassPathPlugins.EXTENSIONS), extension + "\n");
        return root;
    }

    @Test
    void eachRootWithADescriptorIsAPluginThatSeesOnlyItsOwnExtensions() throws IOException {
        Path one = root("one", "alpha", "com.example.Alpha");
        Path two = root("two", "beta", "com.example.Beta");
        Files.createDirectories(tmp.resolve("plain/META-INF"));
        Files.writeString(tmp.resolve("plain").resolve(ClassPathPlugins.EXTENSIONS), "com.example.NotAPlugin\n");
        try (URLClassLoader application = new URLClassLoader(new URL[] {one.toUri().toURL(),
                tmp.resolve("plain").toUri().toURL(), two.toUri().toURL()}, null)) {
            ClassPathPlugins plugins = new ClassPathPlugins(application);
            assertThat(plugins.getPluginPaths()).containsExactly(one, two);
            assertThat(plugins.isApplicable(one)).isTrue();
            assertThat(plugins.isApplicable(tmp.resolve("plain"))).isFalse();

            PluginDescriptor beta = plugins.find(two);
            assertThat(beta.getPluginId()).isEqualTo("beta");
            assertThat(beta.getVersion()).isEqualTo("1.2.3");
            assertThat(beta.getProvider()).isEqualTo("tests");
            assertThat(beta.getPluginClass()).isEqualTo(org.pf4j.Plugin.class.getName());

            assertThat(Collections.list(application.getResources(ClassPathPlugins.EXTENSIONS))).hasSize(3);
            ClassLoader loader = plugins.loadPlugin(two, beta);
            try (InputStream in = loader.getResourceAsStream(ClassPathPlugins.EXTENSIONS)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("com.example.Beta\n");
            }
            assertThat(Collections.list(loader.getResources(ClassPathPlugins.EXTENSIONS))).hasSize(1);
            assertThat(loader.getParent()).isSameAs(application);
            assertThat(plugins.deletePluginPath(two)).isFalse();
        }
    }

    @Test
    void aJarRootIsNamedByItsFile() throws IOException {
        Path dir = root("jarred", "gamma", "com.example.Gamma");
        Path jar = tmp.resolve("gamma.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of(ClassPathPlugins.DESCRIPTOR, ClassPathPlugins.EXTENSIONS)) {
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                out.write(Files.readAllBytes(dir.resolve(entry)));
                out.closeEntry();
            }
        }
        try (URLClassLoader application = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ClassPathPlugins plugins = new ClassPathPlugins(application);
            assertThat(plugins.getPluginPaths()).containsExactly(jar);
            assertThat(plugins.find(jar).getPluginId()).isEqualTo("gamma");
            try (InputStream in = plugins.loadPlugin(jar, plugins.find(jar))
                    .getResourceAsStream(ClassPathPlugins.EXTENSIONS)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("com.example.Gamma\n");
            }
        }
    }
}
