package io.gitplatform.app.cli;

import com.google.gson.JsonObject;
import io.gitplatform.spi.TaskOptions;
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
        TaskOptions options = TaskOptions.builder().generation(generation.settings()).build();
        return TaskFiles.run(platform, "caption", files, git -> options, (d, result, model) -> {
            if (!json) {
                return files.size() > 1 ? d.file() + ": " + result.text() : result.text();
            }
            JsonObject o = MediaInputs.json(d, model, result);
            o.addProperty("caption", result.text());
            return o.toString();
        });
    }
}
