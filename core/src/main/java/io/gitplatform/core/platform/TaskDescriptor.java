package io.gitplatform.core.platform;

import io.gitplatform.spi.InputKind;
import io.gitplatform.spi.TaskOption;
import java.util.List;
import java.util.Set;

/** A task the platform serves, read once from its head when its plugin started. */
public record TaskDescriptor(String id, String description, Set<InputKind> inputs, List<TaskOption> options,
        String pluginId) {
}
