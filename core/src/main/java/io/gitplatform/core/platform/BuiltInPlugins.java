package io.gitplatform.core.platform;

import java.util.Map;

/**
 * The plugins that ship with the platform and the ids they serve. When another plugin offers one of these ids, the
 * built-in keeps it unless {@link PluginSettings#taskOwners()} or {@link PluginSettings#backendOwners()} says
 * otherwise.
 */
final class BuiltInPlugins {
    static final Map<String, String> TASKS = Map.of(
            "caption", "video-captioning",
            "vqa", "vqa",
            "classify", "classification");
    static final Map<String, String> BACKENDS = Map.of(
            "cpu", "djl-cpu",
            "gpu", "djl-gpu");

    private BuiltInPlugins() {
    }
}
