package io.gitplatform.core.platform;

import io.gitplatform.spi.InferenceBackend;
import io.gitplatform.spi.TaskHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, starts, stops and unloads the plugins of one directory, and brings their extensions into the
 * {@link ExtensionRegistry} when they start and out when they stop. Every operation is serialised.
 */
final class PluginLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PluginLifecycle.class);

    private final PluginSettings settings;
    private final PlatformPluginManager manager;
    private final ExtensionRegistry registry;
    private final GuardedCalls calls;
    private final Map<String, PluginSlot> slots = new ConcurrentHashMap<>();
    /** Jars that could not be loaded, with the reason; tried again on every rescan. */
    private final Map<Path, String> loadFailures = new LinkedHashMap<>();

    PluginLifecycle(PluginSettings settings, ExtensionRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.manager = new PlatformPluginManager(settings.directory());
        this.manager.status().configure(settings.enabled(), settings.disabled());
        this.calls = new GuardedCalls(settings.taskTimeout(), manager::getPluginClassLoader);
    }

    GuardedCalls calls() {
        return calls;
    }

    /**
     * Brings the loaded plugins in line with the directory: loads (and starts, unless configuration disables them)
     * the jars not loaded yet, tries again the jars that failed, and unloads the plugins whose jar is gone.
     */
    synchronized PluginRescan rescan() {
        List<String> unloaded = new ArrayList<>();
        for (PluginWrapper w : sortedPlugins()) {
            if (!manager.onClassPath(w.getPluginPath()) && !Files.exists(w.getPluginPath())) {
                unload(w.getPluginId());
                unloaded.add(w.getPluginId());
            }
        }
        loadFailures.keySet().removeIf(jar -> !Files.exists(jar));
        List<Path> fresh = manager.jarsInDirectory().stream().filter(jar -> manager.loadedFrom(jar) == null)
                .sorted().toList();
        loadFailures.keySet().removeAll(fresh);
        PlatformPluginManager.Loaded loaded = manager.loadAll(fresh);
        loaded.failures().forEach((jar, error) -> log.error("cannot load plugin {}: {}", jar, error));
        loadFailures.putAll(loaded.failures());
        List<String> ids = loaded.plugins().stream().map(PluginWrapper::getPluginId).sorted().toList();
        ids.forEach(id -> slots.put(id, new PluginSlot(id)));
        for (String id : ids) {
            if (manager.getPlugin(id).getPluginState() != PluginState.DISABLED) {
                startAndActivate(id);
            }
        }
        Map<String, String> failed = new LinkedHashMap<>();
        loaded.failures().forEach((jar, error) -> failed.put(jarName(jar), error));
        return new PluginRescan(ids, unloaded, failed);
    }

    /** Every loaded plugin, and every jar that failed to load, sorted by id. */
    synchronized List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper w : sortedPlugins()) {
            out.add(info(w));
        }
        loadFailures.forEach((jar, error) -> out.add(new PluginInfo(jarName(jar), null, PluginStatus.FAILED, null,
                null, jar, List.of(), List.of(), List.of(), List.of(), error, 1)));
        return out;
    }

    synchronized PluginInfo plugin(String id) {
        return info(wrapper(id));
    }

    synchronized PluginInfo enable(String id) {
        wrapper(id);
        manager.enablePlugin(id);
        startAndActivate(id);
        return plugin(id);
    }

    synchronized PluginInfo disable(String id) {
        stop(id, manager::disablePlugin, "disabling");
        return plugin(id);
    }

    synchronized PluginInfo reload(String id) {
        Path jar = wrapper(id).getPluginPath();
        unload(id);
        return load(jar);
    }

    synchronized void unload(String id) {
        stop(id, manager::unloadPlugin, "unloading");
        slots.remove(id);
    }

    /** Withdraws the plugin's extensions, waits for its running calls, then lets PF4J disable or unload it. */
    private void stop(String id, Consumer<String> pf4j, String doing) {
        wrapper(id);
        deactivate(id);
        try {
            pf4j.accept(id);
        } catch (RuntimeException e) {
            slots.get(id).fail(doing + " it failed: " + PluginErrors.summary(e), e);
        }
    }

    synchronized PluginInfo load(Path jar) {
        PlatformPluginManager.Loaded loaded = manager.loadAll(List.of(jar));
        if (loaded.plugins().isEmpty()) {
            String error = loaded.failures().getOrDefault(jar, "not loaded");
            loadFailures.put(jar, error);
            throw new IllegalArgumentException("cannot load plugin " + jar + ": " + error);
        }
        loadFailures.remove(jar);
        PluginWrapper w = loaded.plugins().get(0);
        slots.put(w.getPluginId(), new PluginSlot(w.getPluginId()));
        if (w.getPluginState() != PluginState.DISABLED) {
            startAndActivate(w.getPluginId());
        }
        return plugin(w.getPluginId());
    }

    /** Stops every plugin and unloads them, then stops the worker threads. */
    synchronized void close() {
        for (String id : new ArrayList<>(slots.keySet())) {
            unload(id);
        }
        calls.close();
    }

    private void startAndActivate(String id) {
        PluginSlot slot = slots.get(id);
        if (slot.active()) {
            return;
        }
        PluginState state;
        try {
            state = calls.bounded(() -> manager.startPlugin(id));
        } catch (TimeoutException e) {
            manager.getPlugin(id).setPluginState(PluginState.FAILED);
            slot.fail("start did not finish within " + settings.taskTimeout().toMillis() + " ms; the plugin stays"
                    + " stopped", null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot.fail("start was interrupted", null);
            return;
        } catch (ExecutionException e) {
            slot.fail("start failed: " + PluginErrors.summary(e.getCause()), e.getCause());
            return;
        }
        PluginWrapper w = manager.getPlugin(id);
        if (state != PluginState.STARTED) {
            Throwable failed = w.getFailedException();
            if (failed != null) {
                slot.fail("start failed: " + PluginErrors.summary(failed), null);
            }
            return;
        }
        activate(slot, w);
    }

    /** Creates the plugin's extensions and offers its tasks and backends to the registry. */
    private void activate(PluginSlot slot, PluginWrapper w) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(w.getPluginClassLoader());
        Set<String> points = new TreeSet<>();
        try {
            for (Class<?> type : manager.getExtensionClasses(slot.id)) {
                Object extension;
                try {
                    extension = manager.getExtensionFactory().create(type);
                } catch (RuntimeException | LinkageError e) {
                    slot.fail("cannot create extension " + type.getName() + ": " + PluginErrors.summary(e), e);
                    continue;
                }
                if (extension instanceof TaskHead head) {
                    points.add(TaskHead.class.getSimpleName());
                    registry.offer(slot, head);
                }
                if (extension instanceof InferenceBackend backend) {
                    points.add(InferenceBackend.class.getSimpleName());
                    registry.offer(slot, backend);
                }
                if (!(extension instanceof TaskHead) && !(extension instanceof InferenceBackend)) {
                    slot.fail("extension " + type.getName() + " implements none of the platform's extension"
                            + " points (does the plugin jar bundle its own copy of the platform's SPI?)", null);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        slot.activate(new ArrayList<>(points));
    }

    /** Withdraws the plugin's extensions and waits (up to the task timeout) for its running calls. */
    private void deactivate(String id) {
        PluginSlot slot = slots.get(id);
        if (slot == null) {
            return;
        }
        registry.withdraw(slot);
        if (!slot.deactivate(settings.taskTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            log.warn("plugin {} still has calls running after {}; stopping it anyway", id, settings.taskTimeout());
        }
    }

    private PluginWrapper wrapper(String id) {
        PluginWrapper w = manager.getPlugin(id);
        if (w == null) {
            throw new UnknownPluginException("no plugin '" + id + "'; loaded: "
                    + sortedPlugins().stream().map(PluginWrapper::getPluginId).toList());
        }
        return w;
    }

    private List<PluginWrapper> sortedPlugins() {
        return manager.getPlugins().stream().sorted(Comparator.comparing(PluginWrapper::getPluginId)).toList();
    }

    private PluginInfo info(PluginWrapper w) {
        String id = w.getPluginId();
        PluginSlot slot = slots.get(id);
        return new PluginInfo(id, w.getDescriptor().getVersion(), status(w.getPluginState()),
                w.getDescriptor().getProvider(), w.getDescriptor().getPluginDescription(), w.getPluginPath(),
                slot == null ? List.of() : slot.extensionPoints(), registry.tasksServedBy(id),
                registry.backendsServedBy(id), registry.conflictsOf(id), slot == null ? null : slot.lastError(),
                slot == null ? 0 : slot.failures());
    }

    private static PluginStatus status(PluginState state) {
        return switch (state) {
            case CREATED -> PluginStatus.CREATED;
            case RESOLVED -> PluginStatus.RESOLVED;
            case STARTED -> PluginStatus.STARTED;
            case STOPPED -> PluginStatus.STOPPED;
            case DISABLED -> PluginStatus.DISABLED;
            case FAILED, UNLOADED -> PluginStatus.FAILED;
        };
    }

    private static String jarName(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }
}
