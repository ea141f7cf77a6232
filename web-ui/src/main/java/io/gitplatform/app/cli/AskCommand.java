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

/** {@code git-platform ask <file> "<question>"...}: answers questions about one video or image (one vision pass). */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answers questions about a video or an image; several questions share one vision pass.")
final class AskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file>", description = "a video or an image")
    Path file;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<question>", description = "one or more questions")
    List<String> questions;

    @Option(names = "--json", description = "one JSON object per question, with timings and the frames used")
    boolean json;

    @Mixin
    ModelOptions model;

    @ArgGroup(exclusive = false, heading = "Generation:%n")
    GenerationFlags generation = new GenerationFlags();

    @Override
    public Integer call() {
        try (GitPipeline pipeline = model.open(); MediaJob job = MediaJob.open(pipeline, file)) {
            GenerationOptions options = generation.apply(pipeline.defaultOptions());
            long start = System.nanoTime();
            List<TextResult> answers = pipeline.ask(job.input, questions, options, TokenListener.NONE, () -> false);
            long took = System.nanoTime() - start;
            for (int i = 0; i < answers.size(); i++) {
                if (json) {
                    JsonObject o = job.json(pipeline, answers.get(i), took);
                    o.addProperty("question", questions.get(i));
                    o.addProperty("answer", answers.get(i).text());
                    System.out.println(o);
                } else {
                    System.out.println(questions.size() > 1 ? questions.get(i) + " " + answers.get(i).text()
                            : answers.get(i).text());
                }
            }
            return 0;
        }
    }
}
