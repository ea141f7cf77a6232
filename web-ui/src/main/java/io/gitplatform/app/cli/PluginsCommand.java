package io.gitplatform.app.cli;

import io.gitplatform.core.pipeline.CpuDtype;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.platform.ExtensionConflict;
import io.gitplatform.core.platform.PluginInfo;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.spi.BackendSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code git-platform plugins}: the plugins of the plugins directory, their state, what they serve and the ids they
 * contest with another plugin. Exits 1 when a plugin failed or a contested id is served by nobody.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists the plugins with their version, state and the tasks and backends they serve; exits 1"
                + " when a plugin failed or a task or backend id several plugins offer is served by none.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions platform;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRuntime runtime = PluginRuntime.start(platform.pluginSettings())) {
            List<PluginInfo> plugins = runtime.plugins();
            out.println("plugins in " + runtime.settings().directory().toAbsolutePath().normalize());
            if (plugins.isEmpty()) {
                out.println("  none (build them with: mvn -q -DskipTests package)");
            }
            out.printf("%-20s %-16s %-9s %-24s %s%n", "ID", "VERSION", "STATE", "SERVES", "DESCRIPTION");
            boolean failed = false;
            for (PluginInfo p : plugins) {
                out.printf("%-20s %-16s %-9s %-24s %s%n", p.id(), p.version() == null ? "-" : p.version(), p.state(),
                        serves(p), p.description() == null ? "" : p.description());
                for (ExtensionConflict c : p.conflicts()) {
                    out.println("  conflict: " + c.message());
                    failed |= c.servedBy() == null;
                }
                if (p.lastError() != null) {
                    out.println("  last error: " + p.lastError());
                    failed = true;
                }
            }
            out.println(backend(runtime));
            out.flush();
            return failed ? 1 : 0;
        }
    }

    /** The backend the other commands would run on, with the dtype it resolves to on this machine. */
    private String backend(PluginRuntime runtime) {
        BackendSettings asked = platform.platformSettings().backend();
        String configured = asked.dtype() == null ? "auto" : asked.dtype();
        try {
            EngineSettings engine = EngineSettings.of(runtime.prepareBackend(asked));
            return "backend " + asked.id() + ": " + engine.device() + ", dtype " + EngineSettings.name(engine.dtype())
                    + " (asked: " + configured + (configured.equals("auto") && !engine.device().isGpu()
                            ? "; checkpoints under " + (CpuDtype.AUTO_MIN_WEIGHT_BYTES >> 20) + " MB run float32" : "")
                    + ")";
        } catch (RuntimeException e) {
            return "backend " + asked.id() + ": unavailable: " + e.getMessage();
        }
    }

    private static String serves(PluginInfo p) {
        List<String> all = new ArrayList<>();
        p.tasks().forEach(t -> all.add("task:" + t));
        p.backends().forEach(b -> all.add("backend:" + b));
        return all.isEmpty() ? "-" : String.join(",", all);
    }
}
