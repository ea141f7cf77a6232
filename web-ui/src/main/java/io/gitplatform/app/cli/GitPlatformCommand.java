package io.gitplatform.app.cli;

import io.gitplatform.core.platform.PlatformVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/git-platform}: one subcommand per job. */
@Command(name = "git-platform", mixinStandardHelpOptions = true, versionProvider = GitPlatformCommand.Version.class,
        description = "Runs Microsoft's GIT vision-language model on the JVM.",
        subcommands = {CaptionCommand.class, AskCommand.class, ClassifyCommand.class, RunCommand.class,
                TasksCommand.class, PluginsCommand.class,
                ParityCommand.class, ServeCommand.class})
public final class GitPlatformCommand implements Runnable {

    public static void main(String[] args) {
        // Nothing is downloaded at run time: DJL finds its natives in the jar, the tokenizers library stays on CPU.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // Command output goes to stdout; logs (warnings only) to stderr. The server keeps Spring Boot's logging.
        if (System.getProperty("logback.configurationFile") == null && (args.length == 0 || !args[0].equals("serve"))) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failure prints one clear line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GitPlatformCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        return cli;
    }

    /** {@code --version}: the platform's one version ({@link PlatformVersion}, from the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"git-platform " + PlatformVersion.current()};
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
