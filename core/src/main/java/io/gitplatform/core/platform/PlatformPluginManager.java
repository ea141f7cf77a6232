package io.gitplatform.core.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's jar plugin manager with the platform's rules: plugin jars of the directory and plugins that are Maven
 * dependencies on the class path ({@link ClassPathPlugins}), always deployment mode (a stray
 * {@code -Dpf4j.mode=development} must not switch to reading class folders), status from configuration, and a plugin
 * with broken dependencies is dropped instead of failing the whole platform. Not thread-safe: {@link PluginRuntime}
 * serialises every call.
 */
final class PlatformPluginManager extends JarPluginManager {
    // No initializer on purpose: PF4J calls the create* methods from its constructor, before initializers would run.
    private ClassPathPlugins classPath;

    PlatformPluginManager(Path directory) {
        super(directory);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new ConfiguredPluginStatus();
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new CompoundPluginRepository().add(classPath()).add(new JarPluginRepository(getPluginsRoots()));
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new CompoundPluginDescriptorFinder().add(classPath()).add(new ManifestPluginDescriptorFinder());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(classPath()).add(new JarPluginLoader(this));
    }

    private ClassPathPlugins classPath() {
        if (classPath == null) {
            classPath = new ClassPathPlugins(PlatformPluginManager.class.getClassLoader());
        }
        return classPath;
    }

    ConfiguredPluginStatus status() {
        return (ConfiguredPluginStatus) pluginStatusProvider;
    }

    /** Loads every jar of the plugins directory; returns the jars that could not be loaded, with the reason. */
    Map<Path, String> loadAll() {
        Map<Path, String> failures = new LinkedHashMap<>();
        for (Path jar : pluginRepository.getPluginPaths()) {
            try {
                loadPluginFromPath(jar);
            } catch (RuntimeException e) {
                failures.put(jar, PluginErrors.summary(e));
            }
        }
        resolvePlugins();
        return failures;
    }

    /** Loads one jar (PF4J's {@code loadPlugin}, which also resolves it). */
    PluginWrapper load(Path jar) {
        return getPlugin(loadPlugin(jar));
    }
}
