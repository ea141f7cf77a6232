package io.gitplatform.core.platform;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which plugins may start, from configuration and run-time changes. Replaces PF4J's default, which writes
 * {@code enabled.txt}/{@code disabled.txt} into the plugins directory: here configuration is the source of truth and
 * the plugins directory may be read-only.
 */
final class ConfiguredPluginStatus implements org.pf4j.PluginStatusProvider {
    /** Empty: every plugin not disabled may start. */
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();

    void configure(List<String> enabledIds, List<String> disabledIds) {
        enabled.clear();
        enabled.addAll(enabledIds);
        disabled.clear();
        disabled.addAll(disabledIds);
    }

    @Override
    public boolean isPluginDisabled(String pluginId) {
        return disabled.contains(pluginId) || !enabled.isEmpty() && !enabled.contains(pluginId);
    }

    @Override
    public void disablePlugin(String pluginId) {
        disabled.add(pluginId);
    }

    @Override
    public void enablePlugin(String pluginId) {
        disabled.remove(pluginId);
        if (!enabled.isEmpty()) {
            enabled.add(pluginId);
        }
    }
}
