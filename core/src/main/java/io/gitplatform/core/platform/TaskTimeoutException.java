package io.gitplatform.core.platform;

/** A task call ran past the configured timeout; it was cancelled. */
public class TaskTimeoutException extends TaskFailedException {
    public TaskTimeoutException(String pluginId, String message) {
        super(pluginId, message);
    }
}
