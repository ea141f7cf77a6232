package io.gitplatform.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/git-platform-bench} (and of {@code bin/git-platform bench}, which delegates here). */
@Command(name = "git-platform-bench", mixinStandardHelpOptions = true, version = "git-platform-bench 0.1.0",
        description = "Benchmarks of the GIT platform: the engine on the CPU against transformers (bench) and a"
                + " running server's throughput (serve-bench).",
        subcommands = {BenchCommand.class, ServeBenchCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        // Nothing is downloaded at run time: DJL finds its natives in the jar, the tokenizers library stays on CPU.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failure prints one clear line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
