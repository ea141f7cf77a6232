package io.gitplatform.core.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.pf4j.PluginDescriptor;
import org.pf4j.VersionManager;

/**
 * What a plugin jar must hold before it is loaded; PF4J alone accepts a version that is no version, disables a plugin
 * whose {@code Plugin-Requires} fails with a log line only, starts a jar that serves nothing, and reports a missing
 * {@code Plugin-Class} as a NullPointerException. Each refusal names the manifest attribute or entry at fault.
 */
final class PluginJarCheck {
    static final String EXTENSION_INDEX = "META-INF/extensions.idx";

    private PluginJarCheck() {
    }

    /** @throws PluginRefusedException naming the first thing wrong with the jar */
    static void check(Path jar, PluginDescriptor descriptor, VersionManager versions, String platformRelease) {
        String id = descriptor.getPluginId();
        if (id == null || id.isBlank()) {
            throw new PluginRefusedException("the manifest has no Plugin-Id");
        }
        String version = descriptor.getVersion();
        if (version == null || version.isBlank()) {
            throw new PluginRefusedException("plugin " + id + ": the manifest has no Plugin-Version");
        }
        if (!isVersion(versions, version)) {
            throw new PluginRefusedException("plugin " + id + ": Plugin-Version '" + version + "' is not a semantic"
                    + " version (MAJOR.MINOR.PATCH, e.g. 1.2.0)");
        }
        checkRequires(id, descriptor.getRequires(), versions, platformRelease);
        try (JarFile file = new JarFile(jar.toFile())) {
            checkExtensionIndex(id, file);
            checkPluginClass(id, descriptor.getPluginClass(), file);
        } catch (IOException e) {
            throw new PluginRefusedException("plugin " + id + ": cannot read " + jar + ": " + e.getMessage());
        }
    }

    private static boolean isVersion(VersionManager versions, String version) {
        try {
            versions.compareVersions(version, "0.0.0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void checkRequires(String id, String requires, VersionManager versions, String platformRelease) {
        String expression = requires == null ? "" : requires.strip();
        if (expression.isEmpty() || expression.equals("*")) {
            return;
        }
        // PF4J's reading: a bare x.y.z means "at least x.y.z".
        String constraint = expression.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + expression : expression;
        boolean satisfied;
        try {
            satisfied = versions.checkVersionConstraint(platformRelease, constraint);
        } catch (RuntimeException e) {
            throw new PluginRefusedException("plugin " + id + ": Plugin-Requires '" + expression + "' is not a"
                    + " version expression (e.g. >=0.1.0 or >=0.1.0 & <1.0.0): " + e.getMessage());
        }
        if (!satisfied) {
            throw new PluginRefusedException("plugin " + id + ": Plugin-Requires '" + expression + "' is not"
                    + " satisfied by the platform's version " + platformRelease);
        }
    }

    private static void checkExtensionIndex(String id, JarFile jar) throws IOException {
        JarEntry index = jar.getJarEntry(EXTENSION_INDEX);
        if (index == null) {
            throw new PluginRefusedException("plugin " + id + ": the jar has no " + EXTENSION_INDEX + ", so it would"
                    + " serve nothing (annotate extensions with @org.pf4j.Extension and compile with pf4j on the"
                    + " annotation processor path)");
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jar.getInputStream(index),
                StandardCharsets.UTF_8))) {
            if (lines.lines().map(String::strip).noneMatch(l -> !l.isEmpty() && !l.startsWith("#"))) {
                throw new PluginRefusedException("plugin " + id + ": " + EXTENSION_INDEX + " lists no extension, so"
                        + " the plugin would serve nothing");
            }
        }
    }

    private static void checkPluginClass(String id, String pluginClass, JarFile jar) {
        // PF4J's default when the manifest names none; it is on the platform's class path.
        if (pluginClass == null || pluginClass.equals(org.pf4j.Plugin.class.getName())) {
            return;
        }
        if (jar.getJarEntry(pluginClass.replace('.', '/') + ".class") == null) {
            throw new PluginRefusedException("plugin " + id + ": Plugin-Class " + pluginClass + " is not in the jar"
                    + " (ClassNotFoundException)");
        }
    }
}
