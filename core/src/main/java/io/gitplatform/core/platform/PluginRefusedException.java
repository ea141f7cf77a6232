package io.gitplatform.core.platform;

/** A plugin jar the platform will not load; the message names the manifest attribute or jar entry at fault. */
final class PluginRefusedException extends RuntimeException {
    PluginRefusedException(String message) {
        super(message);
    }
}
