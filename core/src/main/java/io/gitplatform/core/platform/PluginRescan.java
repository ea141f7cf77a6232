package io.gitplatform.core.platform;

import java.util.List;
import java.util.Map;

/**
 * What one rescan of the plugins directory changed.
 *
 * @param loaded   ids of the plugins loaded from jars new to the runtime (started unless configuration disables them)
 * @param unloaded ids of the plugins unloaded because their jar is gone
 * @param failed   jar name (without {@code .jar}) to why it was refused; such jars are tried again on every rescan
 */
public record PluginRescan(List<String> loaded, List<String> unloaded, Map<String, String> failed) {
}
