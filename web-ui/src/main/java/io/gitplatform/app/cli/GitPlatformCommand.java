package io.gitplatform.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/git-platform}: one subcommand per job. */
@Command(name = "git-platform", mixinStandardHelpOptions = true,
        description = "Runs Microsoft's GIT vision-language model on the JVM.",
        subcommands = {})
public final class GitPlatformCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new GitPlatformCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
