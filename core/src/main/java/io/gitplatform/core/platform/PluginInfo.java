package io.gitplatform.core.platform;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin as listings show it.
 *
 * @param extensionPoints the extension points its extensions implement ({@code TaskHead}, {@code InferenceBackend}),
 *                        known once it has started
 * @param tasks           task ids it serves (while started)
 * @param backends        backend ids it serves (while started)
 * @param conflicts       task and backend ids it offers together with another started plugin, and who serves them
 * @param lastError       the last failure: refusal of its jar, start, extension creation, or a task call (null when
 *                        none)
 * @param failures        how many calls and start attempts failed since it was loaded
 */
public record PluginInfo(String id, String version, PluginStatus state, String provider, String description,
        Path path, List<String> extensionPoints, List<String> tasks, List<String> backends,
        List<ExtensionConflict> conflicts, String lastError, long failures) {
}
