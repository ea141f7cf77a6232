package io.gitplatform.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code serve} takes the common options and hands exactly the typed ones to the server as {@code git.*} keys. */
class ServeCommandTests {

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    private static ParseResult parsed(ServeCommand serve, String... args) {
        return new CommandLine(serve).parseArgs(args);
    }

    @Test
    void typedOptionsBecomeTheKeysTheyStandFor() {
        String[] args = {"--port", "9000", "--plugins-dir", "my-plugins", "--model", "/models/git-base", "--offline",
            "--backend", "gpu", "--dtype", "float16", "--threads", "2", "--timeout", "30", "--git.batching.enabled=false"};
        ServeCommand serve = new ServeCommand();
        ParseResult parsed = parsed(serve, args);
        assertThat(serve.platform.serverProperties(parsed)).containsExactly(
                "--git.model.source=/models/git-base",
                "--git.model.offline=true",
                "--git.plugins.dir=" + Path.of("my-plugins").toAbsolutePath(),
                "--git.backend.id=gpu",
                "--git.backend.dtype=float16",
                "--git.backend.threads=2",
                "--git.plugins.task-timeout=30s");
        assertThat(serve.springArgs).containsExactly("--git.batching.enabled=false");
        assertThat(serve.port).isEqualTo(9000);
    }

    @Test
    void untypedOptionsLeaveTheServersConfigurationAlone() {
        ServeCommand serve = new ServeCommand();
        ParseResult parsed = parsed(serve, "--port", "9000");
        assertThat(serve.platform.serverProperties(parsed)).isEmpty();
        assertThat(parse("--git.plugins.dir=elsewhere").springArgs).containsExactly("--git.plugins.dir=elsewhere");
    }
}
