package io.gitplatform.core.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.Plugin;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.util.StringUtils;

/**
 * Plugins that come as Maven dependencies: each class-path root (jar or class folder) holding
 * {@value #DESCRIPTOR} is one plugin. Their classes stay in the application's class loader (that is where a
 * dependency lives); each gets a loader of its own whose only job is to answer PF4J's {@code extensions.idx} from its
 * own root, so every plugin sees its own extensions and none of the others'. A plugin path is the root's file when it
 * is one (a jar or a folder), else the URL text (a jar nested in a Boot fat jar).
 */
final class ClassPathPlugins implements PluginRepository, PluginDescriptorFinder, PluginLoader {
    /** The descriptor the plugins' pom renders (same fields as the manifest's Plugin-* entries). */
    static final String DESCRIPTOR = "META-INF/git-platform/plugin.properties";
    static final String EXTENSIONS = "META-INF/extensions.idx";

    private final ClassLoader application;
    private final Map<Path, URL> roots = new LinkedHashMap<>();

    ClassPathPlugins(ClassLoader application) {
        this.application = application;
        try {
            for (URL url : Collections.list(application.getResources(DESCRIPTOR))) {
                roots.put(pathOf(url), url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DESCRIPTOR + " on the class path", e);
        }
    }

    @Override
    public List<Path> getPluginPaths() {
        return List.copyOf(roots.keySet());
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        return false; // a dependency is the build's to remove
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return roots.containsKey(pluginPath);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
        Properties p = new Properties();
        try (InputStream in = roots.get(pluginPath).openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new PluginRuntimeException(e, "cannot read " + DESCRIPTOR + " of " + pluginPath);
        }
        DefaultPluginDescriptor d = new DefaultPluginDescriptor(p.getProperty("plugin.id"),
                p.getProperty("plugin.description", ""), p.getProperty("plugin.class", Plugin.class.getName()),
                p.getProperty("plugin.version"),
                p.getProperty("plugin.requires", "*"), p.getProperty("plugin.provider"),
                p.getProperty("plugin.license"));
        String dependencies = p.getProperty("plugin.dependencies");
        if (StringUtils.isNotNullOrEmpty(dependencies)) {
            for (String dependency : dependencies.split(",")) {
                if (!dependency.isBlank()) {
                    d.addDependency(new PluginDependency(dependency.strip()));
                }
            }
        }
        return d;
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        String descriptorUrl = roots.get(pluginPath).toString();
        try {
            URL extensions = new URL(descriptorUrl.substring(0, descriptorUrl.length() - DESCRIPTOR.length())
                    + EXTENSIONS);
            return new RootLoader(descriptor.getPluginId(), application, extensions);
        } catch (MalformedURLException e) {
            throw new PluginRuntimeException(e, "bad class-path root " + descriptorUrl);
        }
    }

    private static Path pathOf(URL descriptor) {
        String s = descriptor.toString();
        String root = s.substring(0, s.length() - DESCRIPTOR.length());
        try {
            if (root.startsWith("file:")) {
                return Path.of(new URL(root).toURI());
            }
            if (root.startsWith("jar:file:") && root.endsWith("!/") && root.indexOf("!/") == root.length() - 2) {
                return Path.of(new URL(root.substring(4, root.length() - 2)).toURI());
            }
        } catch (MalformedURLException | URISyntaxException | IllegalArgumentException e) {
            // not a plain file: fall through to the URL text
        }
        return Path.of(root);
    }

    /** Classes from the application; {@code extensions.idx} from the plugin's own root only. */
    private static final class RootLoader extends ClassLoader {
        private final URL extensions;

        RootLoader(String pluginId, ClassLoader application, URL extensions) {
            super("class-path plugin " + pluginId, application);
            this.extensions = extensions;
        }

        @Override
        public URL getResource(String name) {
            return EXTENSIONS.equals(name) ? extensions : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return EXTENSIONS.equals(name) ? Collections.enumeration(List.of(extensions)) : super.getResources(name);
        }
    }
}
