package io.gitplatform.app.cli;

import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One task over files, as the task commands run it: each file decoded and run through the task's head, one output
 * per file; a file that fails prints one {@code error:} line and the others go on. Options are checked once, before
 * any file.
 */
final class TaskFiles {
    private TaskFiles() {
    }

    /** What a command prints for one file's result. */
    @FunctionalInterface
    interface Output {
        String print(MediaInputs.Decoded file, TaskResult result, String model);
    }

    /** @return the exit code: 0, or 1 when a file failed */
    static int run(PlatformOptions platform, String task, List<Path> files, Function<GitPlatform, TaskOptions> options,
            Output output) {
        int failures = 0;
        try (GitPlatform git = platform.open()) {
            TaskOptions checked = git.options(task, options.apply(git).toFields());
            for (Path file : files) {
                try {
                    platform.progress("running " + task + " on " + file + " ...");
                    MediaInputs.Decoded d = MediaInputs.decode(file, git.pipeline().videoFrames());
                    TaskResult result = git.run(task, TaskRequest.of(d.input(), checked));
                    System.out.println(output.print(d, result, git.model().name()));
                } catch (RuntimeException e) {
                    failures++;
                    System.err.println("error: " + file + ": " + e.getMessage());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
