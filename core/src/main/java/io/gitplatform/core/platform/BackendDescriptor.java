package io.gitplatform.core.platform;

import java.util.List;

/** A backend the platform can run the model on, read once when its plugin started. */
public record BackendDescriptor(String id, String description, String engine, List<String> dtypes, String pluginId) {
}
