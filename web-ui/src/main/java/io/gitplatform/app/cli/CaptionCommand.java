package io.gitplatform.app.cli;

import com.google.gson.JsonObject;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.TokenListener;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.TextResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code git-platform caption <file>...}: one caption per video or image. */
@Command(name = "caption", mixinStandardHelpOptions = true,
        description = "Captions videos (mp4, webm, mov, mkv, avi, animated GIF) and images (PNG, JPEG, WebP, BMP, GIF).")
final class CaptionCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file>", description = "videos or images")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per file, with timings and the frames used")
    boolean json;

    @Mixin
    ModelOptions model;

    @ArgGroup(exclusive = false, heading = "Generation:%n")
    GenerationFlags generation = new GenerationFlags();

    @Override
    public Integer call() {
        int failures = 0;
        try (GitPipeline pipeline = model.open()) {
            GenerationOptions options = generation.apply(pipeline.defaultOptions());
            for (Path file : files) {
                try {
                    model.progress("captioning " + file + " ...");
                    try (MediaJob job = MediaJob.open(pipeline, file)) {
                        long start = System.nanoTime();
                        TextResult caption = pipeline.caption(job.input, options, TokenListener.NONE, () -> false);
                        long took = System.nanoTime() - start;
                        if (json) {
                            JsonObject o = job.json(pipeline, caption, took);
                            o.addProperty("caption", caption.text());
                            System.out.println(o);
                        } else {
                            System.out.println(files.size() > 1 ? file + ": " + caption.text() : caption.text());
                        }
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
