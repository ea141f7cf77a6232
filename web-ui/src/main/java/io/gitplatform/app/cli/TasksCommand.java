package io.gitplatform.app.cli;

import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.spi.TaskOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists every task the started plugins serve, with its options: what {@code run --option} takes. */
@Command(name = "tasks", description = "Lists the tasks of the started plugins, with their options.")
final class TasksCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() {
        try (GitPlatform git = platform.open()) {
            for (TaskDescriptor t : git.tasks()) {
                System.out.println(t.id() + "  (plugin " + t.pluginId() + "; " + String.join(", ",
                        t.inputs().stream().sorted().map(k -> k.name().toLowerCase(Locale.ROOT)).toList()) + ")");
                System.out.println("    " + t.description());
                for (TaskOption o : t.options()) {
                    System.out.println("    --option " + o.name() + "=<" + o.type().name().toLowerCase(Locale.ROOT)
                            + ">" + constraints(o) + "  " + o.description());
                }
            }
        }
        return 0;
    }

    /** Required, default, allowed values and range, as far as the option has them. */
    static String constraints(TaskOption o) {
        List<String> parts = new ArrayList<>();
        if (o.required()) {
            parts.add("required");
        }
        if (o.defaultValue() != null) {
            parts.add("default " + o.defaultValue());
        }
        if (!o.allowed().isEmpty()) {
            parts.add("one of " + String.join("|", o.allowed()));
        }
        if (o.min() != null || o.max() != null) {
            parts.add("range " + (o.min() == null ? "" : number(o.min())) + ".."
                    + (o.max() == null ? "" : number(o.max())));
        }
        return parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
