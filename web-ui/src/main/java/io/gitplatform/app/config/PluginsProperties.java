package io.gitplatform.app.config;

import io.gitplatform.core.platform.PluginSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plugin runtime ({@code git.plugins.*}, the starter's keys). {@code bin/git-platform} sets {@code git.plugins.dir}
 * to the jars the build copied.
 *
 * @param dir         folder of plugin jars (task heads, backends)
 * @param enabled     plugin ids to start; empty starts every plugin found that is not disabled
 * @param disabled    plugin ids to load but not start
 * @param taskTimeout how long one task call into a plugin may run
 */
@ConfigurationProperties("git.plugins")
public record PluginsProperties(@DefaultValue("plugins") Path dir, @DefaultValue List<String> enabled,
        @DefaultValue List<String> disabled, @DefaultValue("5m") Duration taskTimeout) {

    public PluginSettings settings() {
        return new PluginSettings(dir, enabled, disabled, taskTimeout);
    }
}
