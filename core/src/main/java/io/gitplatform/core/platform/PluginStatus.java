package io.gitplatform.core.platform;

/** A plugin's life-cycle state, as PF4J reports it ({@code FAILED} also covers jars that could not be loaded). */
public enum PluginStatus {
    CREATED,
    RESOLVED,
    STARTED,
    STOPPED,
    DISABLED,
    FAILED
}
