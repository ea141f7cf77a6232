package io.gitplatform.core.platform;

/** No loaded plugin has the id. */
public class UnknownPluginException extends RuntimeException {
    public UnknownPluginException(String message) {
        super(message);
    }
}
