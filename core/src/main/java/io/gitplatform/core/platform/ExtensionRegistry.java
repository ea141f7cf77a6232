package io.gitplatform.core.platform;

import io.gitplatform.spi.InferenceBackend;
import io.gitplatform.spi.TaskHead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The task heads and backends of the started plugins, and which plugin serves each id. Every started plugin's
 * extensions are offers; an id offered once is served by that plugin, an id offered several times goes to the plugin
 * configuration names, else to the built-in one, else to nobody (see {@link ExtensionConflict}). The outcome depends
 * on the plugins and the configuration only, never on the order plugins were loaded in. Lookups are lock-free;
 * changes come from the life cycle, one at a time.
 */
final class ExtensionRegistry {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    /** An extension with what it said about itself when its plugin started. */
    record Bound<E, D>(PluginSlot slot, E extension, D descriptor) {
    }

    private final Table<TaskHead, TaskDescriptor> tasks;
    private final Table<InferenceBackend, BackendDescriptor> backends;

    ExtensionRegistry(PluginSettings settings) {
        tasks = new Table<>("task", "git.plugins.tasks", settings.taskOwners(), BuiltInPlugins.TASKS);
        backends = new Table<>("backend", "git.plugins.backends", settings.backendOwners(), BuiltInPlugins.BACKENDS);
    }

    /** Reads the head's description and offers its task; a head that cannot describe itself is the plugin's error. */
    void offer(PluginSlot slot, TaskHead head) {
        TaskDescriptor d;
        try {
            d = new TaskDescriptor(head.id(), head.description(), Set.copyOf(head.inputs()),
                    List.copyOf(head.options()), slot.id);
        } catch (RuntimeException e) {
            slot.fail("task head " + head.getClass().getName() + " cannot describe itself: "
                    + PluginErrors.summary(e), e);
            return;
        }
        if (validId(slot, "task head " + head.getClass().getName(), d.id())) {
            tasks.offer(d.id(), new Bound<>(slot, head, d));
        }
    }

    void offer(PluginSlot slot, InferenceBackend backend) {
        BackendDescriptor d;
        try {
            d = new BackendDescriptor(backend.id(), backend.description(), backend.engine(),
                    List.copyOf(backend.dtypes()), slot.id);
        } catch (RuntimeException e) {
            slot.fail("backend " + backend.getClass().getName() + " cannot describe itself: "
                    + PluginErrors.summary(e), e);
            return;
        }
        if (validId(slot, "backend " + backend.getClass().getName(), d.id())) {
            backends.offer(d.id(), new Bound<>(slot, backend, d));
        }
    }

    private static boolean validId(PluginSlot slot, String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            slot.fail(what + " has an invalid id '" + id + "' (lower case letters, digits, dots and dashes)", null);
            return false;
        }
        return true;
    }

    /** Takes back every offer of the plugin; ids it served go to the next owner the rules pick. */
    void withdraw(PluginSlot slot) {
        tasks.withdraw(slot.id);
        backends.withdraw(slot.id);
    }

    /** The head serving {@code id}, or null. */
    Bound<TaskHead, TaskDescriptor> task(String id) {
        return tasks.served(id);
    }

    Bound<InferenceBackend, BackendDescriptor> backend(String id) {
        return backends.served(id);
    }

    List<TaskDescriptor> tasks() {
        return tasks.descriptors(TaskDescriptor::id);
    }

    List<BackendDescriptor> backends() {
        return backends.descriptors(BackendDescriptor::id);
    }

    /** Why no plugin serves task {@code id}: its unresolved conflict, or that no plugin offers it. */
    String whyNoTask(String id) {
        return tasks.whyNotServed(id);
    }

    String whyNoBackend(String id) {
        return backends.whyNotServed(id);
    }

    List<String> tasksServedBy(String pluginId) {
        return tasks.servedBy(pluginId);
    }

    List<String> backendsServedBy(String pluginId) {
        return backends.servedBy(pluginId);
    }

    /** The conflicts the plugin is part of, tasks first. */
    List<ExtensionConflict> conflictsOf(String pluginId) {
        List<ExtensionConflict> out = new ArrayList<>(tasks.conflictsOf(pluginId));
        out.addAll(backends.conflictsOf(pluginId));
        return out;
    }

    /** One kind of extension: its offers by id and plugin, and the outcome, recomputed on every change. */
    private static final class Table<E, D> {
        private final String kind;
        private final String key;
        private final Map<String, String> configured;
        private final Map<String, String> builtIn;
        /** id -> plugin id -> offer; guarded by this. */
        private final Map<String, TreeMap<String, Bound<E, D>>> offers = new HashMap<>();
        private volatile Map<String, Bound<E, D>> served = Map.of();
        private volatile Map<String, ExtensionConflict> conflicts = Map.of();

        Table(String kind, String key, Map<String, String> configured, Map<String, String> builtIn) {
            this.kind = kind;
            this.key = key;
            this.configured = configured;
            this.builtIn = builtIn;
        }

        synchronized void offer(String id, Bound<E, D> bound) {
            TreeMap<String, Bound<E, D>> byPlugin = offers.computeIfAbsent(id, k -> new TreeMap<>());
            if (byPlugin.containsKey(bound.slot().id)) {
                bound.slot().fail("it has two " + kind + "s with the id '" + id + "'; the second is ignored", null);
                return;
            }
            byPlugin.put(bound.slot().id, bound);
            settle();
        }

        synchronized void withdraw(String pluginId) {
            offers.values().forEach(byPlugin -> byPlugin.remove(pluginId));
            offers.values().removeIf(Map::isEmpty);
            settle();
        }

        Bound<E, D> served(String id) {
            return served.get(id);
        }

        List<D> descriptors(Function<D, String> id) {
            return served.values().stream().map(Bound::descriptor).sorted(Comparator.comparing(id)).toList();
        }

        List<String> servedBy(String pluginId) {
            return served.entrySet().stream().filter(e -> e.getValue().slot().id.equals(pluginId))
                    .map(Map.Entry::getKey).sorted().toList();
        }

        List<ExtensionConflict> conflictsOf(String pluginId) {
            return conflicts.values().stream().filter(c -> c.plugins().contains(pluginId))
                    .sorted(Comparator.comparing(ExtensionConflict::id)).toList();
        }

        String whyNotServed(String id) {
            ExtensionConflict conflict = conflicts.get(id);
            if (conflict != null && conflict.servedBy() == null) {
                return conflict.message();
            }
            List<String> ids = served.keySet().stream().sorted().toList();
            return "no " + kind + " '" + id + "': the started plugins serve " + (ids.isEmpty() ? "no " + kind + "s"
                    : ids);
        }

        /** Recomputes who serves what from the offers and the configuration. */
        private void settle() {
            Map<String, Bound<E, D>> nowServed = new HashMap<>();
            Map<String, ExtensionConflict> nowConflicts = new HashMap<>();
            offers.forEach((id, byPlugin) -> {
                String owner = owner(id, byPlugin);
                if (owner != null) {
                    nowServed.put(id, byPlugin.get(owner));
                }
                if (byPlugin.size() > 1) {
                    nowConflicts.put(id, conflict(id, List.copyOf(byPlugin.keySet()), owner));
                }
            });
            served = Map.copyOf(nowServed);
            conflicts = Map.copyOf(nowConflicts);
        }

        private String owner(String id, TreeMap<String, Bound<E, D>> byPlugin) {
            String chosen = configured.get(id);
            if (chosen != null && byPlugin.containsKey(chosen)) {
                return chosen;
            }
            String shipped = builtIn.get(id);
            if (shipped != null && byPlugin.containsKey(shipped)) {
                return shipped;
            }
            return byPlugin.size() == 1 ? byPlugin.firstKey() : null;
        }

        private ExtensionConflict conflict(String id, List<String> plugins, String owner) {
            String offered = kind + " '" + id + "' is offered by " + String.join(" and ", plugins) + "; ";
            String setting = key + "." + id;
            String chosen = configured.get(id);
            String why;
            if (owner == null) {
                why = "no plugin serves it until " + setting + " names one of them"
                        + (chosen != null ? " (it names " + chosen + ", which does not offer it)" : "");
            } else if (owner.equals(chosen)) {
                why = owner + " serves it (" + setting + ")";
            } else {
                why = owner + " serves it, being built in; set " + setting + " to choose another"
                        + (chosen != null ? " (it names " + chosen + ", which does not offer it)" : "");
            }
            return new ExtensionConflict(kind, id, plugins, owner, offered + why);
        }
    }
}
