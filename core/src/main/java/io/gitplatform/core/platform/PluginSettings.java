package io.gitplatform.core.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plugin runtime's configuration ({@code git.plugins.*} once YAML binds it).
 *
 * @param directory     where plugin jars are read from
 * @param enabled       plugin ids to start; empty starts every plugin not disabled
 * @param disabled      plugin ids to load but not start
 * @param taskTimeout   how long one task call (or a plugin's start) may run before it is cancelled and reported
 * @param taskOwners    task id to the plugin id that serves it when several plugins offer it
 *                      ({@code git.plugins.tasks}); unnamed ids stay with the built-in plugin
 * @param backendOwners backend id to the plugin id that serves it, the same way ({@code git.plugins.backends})
 */
public record PluginSettings(Path directory, List<String> enabled, List<String> disabled, Duration taskTimeout,
        Map<String, String> taskOwners, Map<String, String> backendOwners) {
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(5);

    public PluginSettings {
        Objects.requireNonNull(directory, "directory");
        enabled = enabled == null ? List.of() : List.copyOf(enabled);
        disabled = disabled == null ? List.of() : List.copyOf(disabled);
        taskTimeout = taskTimeout == null ? DEFAULT_TASK_TIMEOUT : taskTimeout;
        if (taskTimeout.isNegative() || taskTimeout.isZero()) {
            throw new IllegalArgumentException("taskTimeout must be positive, got " + taskTimeout);
        }
        taskOwners = taskOwners == null ? Map.of() : Map.copyOf(taskOwners);
        backendOwners = backendOwners == null ? Map.of() : Map.copyOf(backendOwners);
    }

    /** No owner choices: every contested id stays with its built-in plugin. */
    public PluginSettings(Path directory, List<String> enabled, List<String> disabled, Duration taskTimeout) {
        this(directory, enabled, disabled, taskTimeout, Map.of(), Map.of());
    }

    /** Every plugin in {@code directory}, with the default timeout. */
    public static PluginSettings of(Path directory) {
        return new PluginSettings(directory, List.of(), List.of(), DEFAULT_TASK_TIMEOUT);
    }

    public PluginSettings withDisabled(List<String> ids) {
        return new PluginSettings(directory, enabled, ids, taskTimeout, taskOwners, backendOwners);
    }

    public PluginSettings withTaskTimeout(Duration timeout) {
        return new PluginSettings(directory, enabled, disabled, timeout, taskOwners, backendOwners);
    }

    /** These owners for contested task and backend ids. */
    public PluginSettings withOwners(Map<String, String> tasks, Map<String, String> backends) {
        return new PluginSettings(directory, enabled, disabled, taskTimeout, tasks, backends);
    }
}
