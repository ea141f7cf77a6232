package io.gitplatform.core.platform;

/** No started plugin serves the task id. */
public class UnknownTaskException extends RuntimeException {
    public UnknownTaskException(String message) {
        super(message);
    }
}
