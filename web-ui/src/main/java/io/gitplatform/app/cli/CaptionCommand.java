package io.gitplatform.app.cli;

import com.google.gson.JsonObject;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.spi.TaskOptions;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code git-platform caption <file>...}: one caption per video or image, through the {@code caption} task. */
@Command(name = "caption", mixinStandardHelpOptions = true,
        description = "Captions videos (mp4, webm, mov, mkv, avi, animated GIF) and images (PNG, JPEG, WebP, BMP, GIF).")
final class CaptionCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file>", description = "videos or images")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per file, with timings and the frames used")
    boolean json;

    @Mixin
    PlatformOptions platform;

    @ArgGroup(exclusive = false, heading = "Generation:%n")
    GenerationFlags generation = new GenerationFlags();

    @Override
    public Integer call() {
        int failures = 0;
        TaskOptions options = TaskOptions.builder().generation(generation.settings()).build();
        try (GitPlatform git = platform.open()) {
            for (Path file : files) {
                try {
                    platform.progress("captioning " + file + " ...");
                    MediaInputs.Decoded d = MediaInputs.decode(file, git.pipeline().videoFrames());
                    TaskResult result = git.run("caption", TaskRequest.of(d.input(), options));
                    if (json) {
                        JsonObject o = MediaInputs.json(d, git.pipeline().folder().name(), result);
                        o.addProperty("caption", result.text());
                        System.out.println(o);
                    } else {
                        System.out.println(files.size() > 1 ? file + ": " + result.text() : result.text());
                    }
                } catch (RuntimeException e) {
                    failures++;
                    System.err.println("error: " + file + ": " + e.getMessage());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
