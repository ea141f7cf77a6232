package io.gitplatform.core.platform;

/**
 * A plugin threw while serving a task. The plugin's exception is logged and summarised in the message, never kept:
 * it would pin the plugin's classes after an unload.
 */
public class TaskFailedException extends RuntimeException {
    private final String pluginId;

    public TaskFailedException(String pluginId, String message) {
        super(message);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}
