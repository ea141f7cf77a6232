package io.gitplatform.app.cli;

import io.gitplatform.app.GitPlatformApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code git-platform serve [--port N]}: the REST API, the OpenAI-compatible endpoint and actuator. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the HTTP server. Configuration: config/application.yml under the platform home, then"
                + " --config, then any --spring.property=value given after the options; the common options (--model,"
                + " --plugins-dir, --backend, ...) override the git.* keys they stand for.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions platform;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "HTTP port (default: server.port, 8080)")
    Integer port;

    @Option(names = "--config", paramLabel = "<file>", description = "an extra YAML file that overrides the defaults")
    Path config;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--spring.config.additional-location=" + locations());
        // --plugins-dir and its kin as the git.* keys they stand for (Spring joins a key given twice: give one).
        args.addAll(platform.serverProperties(spec.commandLine().getParseResult()));
        if (port != null) {
            args.add("--server.port=" + port);
        }
        ConfigurableApplicationContext context = SpringApplication.run(GitPlatformApplication.class,
                args.toArray(String[]::new));
        // The command returns (and main exits) only when the context closes: SIGTERM runs the graceful shutdown hook.
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(e -> {
            if (e instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }

    /** config/application.yml of the platform home (bin/git-platform sets it; else the working directory). */
    private String locations() {
        Path home = Path.of(System.getProperty("git.platform.home", "."));
        List<String> list = new ArrayList<>();
        list.add("optional:file:" + home.resolve("config").toAbsolutePath() + "/");
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config " + config + ": no such file");
            }
            list.add("file:" + config.toAbsolutePath());
        }
        return String.join(",", list);
    }
}
