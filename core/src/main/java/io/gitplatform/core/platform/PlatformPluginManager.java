package io.gitplatform.core.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's jar plugin manager with the platform's rules: plugin jars of the directory, and plugins that are Maven
 * dependencies on the class path ({@link ClassPathPlugins}), always deployment mode (a stray
 * {@code -Dpf4j.mode=development} must not switch to reading class folders), status from configuration, a jar is
 * checked ({@link PluginJarCheck}) before it is loaded, and a plugin with broken dependencies is dropped instead of
 * failing the whole platform. Not thread-safe: {@link PluginLifecycle} serialises every call.
 */
final class PlatformPluginManager extends JarPluginManager {
    // No initializer on purpose: PF4J calls the create* methods from its constructor, before initializers would run.
    private ClassPathPlugins classPath;

    /** What one {@link #loadAll} did: the plugins it loaded and the jars it refused, with the reason. */
    record Loaded(List<PluginWrapper> plugins, Map<Path, String> failures) {
    }

    PlatformPluginManager(Path directory) {
        super(directory);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
        setSystemVersion(PlatformVersion.release());
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

    /** Whether the plugin at {@code path} is a dependency on the class path (it has no jar in the directory). */
    boolean onClassPath(Path path) {
        return classPath().isApplicable(path);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new NamingPluginFactory();
    }

    ConfiguredPluginStatus status() {
        return (ConfiguredPluginStatus) pluginStatusProvider;
    }

    /** The jars of the plugins directory now, and the plugins on the class path. */
    List<Path> jarsInDirectory() {
        return pluginRepository.getPluginPaths();
    }

    /** The id of the loaded plugin read from {@code jar}, or null. */
    String loadedFrom(Path jar) {
        return idForPath(jar);
    }

    /** Loads the jars, then resolves them together (a plugin may depend on another of the same batch). */
    Loaded loadAll(Collection<Path> jars) {
        List<PluginWrapper> loaded = new ArrayList<>();
        Map<Path, String> failures = new LinkedHashMap<>();
        for (Path jar : jars) {
            try {
                loaded.add(loadPluginFromPath(jar));
            } catch (RuntimeException e) {
                failures.put(jar, PluginErrors.refusal(e));
            }
        }
        resolvePlugins();
        // Resolution drops a plugin whose dependencies are missing: report it rather than lose it silently.
        for (PluginWrapper w : List.copyOf(loaded)) {
            if (getPlugin(w.getPluginId()) != w) {
                loaded.remove(w);
                failures.put(w.getPluginPath(), "plugin " + w.getPluginId() + ": its dependencies "
                        + w.getDescriptor().getDependencies() + " are missing or have the wrong version");
            }
        }
        return new Loaded(loaded, failures);
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path jar) {
        if (onClassPath(jar)) {
            return super.loadPluginFromPath(jar); // built with the application: its build wrote the descriptor
        }
        if (!Files.isRegularFile(jar)) {
            throw new PluginRefusedException(jar + " is not a file");
        }
        PluginJarCheck.check(jar, getPluginDescriptorFinder().find(jar), getVersionManager(), getSystemVersion());
        return super.loadPluginFromPath(jar);
    }

    /** PF4J's factory returns null (and start() then fails with a NullPointerException); this one says why. */
    private static final class NamingPluginFactory extends DefaultPluginFactory {
        @Override
        public Plugin create(PluginWrapper wrapper) {
            String name = wrapper.getDescriptor().getPluginClass();
            Class<?> type;
            try {
                type = wrapper.getPluginClassLoader().loadClass(name);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginRuntimeException(e, "Plugin-Class {} cannot be loaded: {}", name,
                        PluginErrors.summary(e));
            }
            if (!Plugin.class.isAssignableFrom(type) || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                throw new PluginRuntimeException("Plugin-Class {} is not a concrete subclass of {}", name,
                        Plugin.class.getName());
            }
            Plugin plugin = createInstance(type, wrapper);
            if (plugin == null) {
                throw new PluginRuntimeException("Plugin-Class {} has no public constructor taking a PluginWrapper or"
                        + " nothing, or its constructor threw (see the log)", name);
            }
            return plugin;
        }
    }
}
