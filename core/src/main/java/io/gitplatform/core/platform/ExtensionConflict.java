package io.gitplatform.core.platform;

import java.util.List;

/**
 * A task or backend id that several started plugins offer. The built-in plugin keeps it unless configuration
 * ({@code git.plugins.tasks.<id>} or {@code git.plugins.backends.<id>}) names another; with neither, nobody serves
 * it until configuration chooses, so a jar dropped into the folder never takes an id over silently.
 *
 * @param kind     {@code task} or {@code backend}
 * @param id       the task or backend id
 * @param plugins  the plugins offering it, sorted
 * @param servedBy the plugin serving it, or null when the conflict is unresolved
 * @param message  the whole story in one sentence, for listings
 */
public record ExtensionConflict(String kind, String id, List<String> plugins, String servedBy, String message) {
}
