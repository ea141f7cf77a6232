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

/** {@code git-platform ask <file> "<question>"...}: answers through the {@code vqa} task (one vision pass). */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answers questions about a video or an image; several questions share one vision pass.")
final class AskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file>", description = "a video or an image")
    Path file;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<question>", description = "one or more questions")
    List<String> questions;

    @Option(names = "--json", description = "one JSON object with the answers, timings and the frames used")
    boolean json;

    @Mixin
    PlatformOptions platform;

    @ArgGroup(exclusive = false, heading = "Generation:%n")
    GenerationFlags generation = new GenerationFlags();

    @Override
    public Integer call() {
        TaskOptions options = TaskOptions.builder().questions(questions).generation(generation.settings()).build();
        return TaskFiles.run(platform, "vqa", List.of(file), git -> options, (d, result, model) -> {
            if (json) {
                JsonObject o = MediaInputs.json(d, model, result);
                o.add("answers", MediaInputs.answers(result));
                return o.toString();
            }
            return String.join("\n", result.answers().stream()
                    .map(a -> questions.size() > 1 ? a.question() + " " + a.text() : a.text()).toList());
        });
    }
}
