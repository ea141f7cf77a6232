package io.gitplatform.plugins.vqa;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.OptionType;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskOption;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TextResult;
import java.util.List;
import org.pf4j.Extension;

/**
 * Task {@code vqa}: every question about one input goes into a single generation batch, so they share one vision
 * pass and one image-prefix cache (the image tokens' keys and values in every decoder layer).
 */
@Extension
public final class VqaTask implements TaskHead {
    public static final String ID = "vqa";

    private static final List<TaskOption> OPTIONS = GenerationSettings.optionsWith(
            new TaskOption("questions", OptionType.STRING_LIST, null,
                    "questions about the input (at least one), answered in one batch").asRequired());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Answers questions about an image or a video; all questions share one vision pass.";
    }

    @Override
    public List<TaskOption> options() {
        return OPTIONS;
    }

    @Override
    public TaskResult run(TaskRequest request, TaskContext context) {
        List<String> questions = request.options().questions();
        List<TextResult> results = context.ask(request.input(), questions, request.options().generation());
        return TaskResult.ofAnswers(ID, Answer.all(questions, results), context.timings());
    }
}
