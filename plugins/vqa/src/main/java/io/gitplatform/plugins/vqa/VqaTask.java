package io.gitplatform.plugins.vqa;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.TextResult;
import io.gitplatform.core.spi.Answer;
import io.gitplatform.core.spi.GenerationSettings;
import io.gitplatform.core.spi.InputKind;
import io.gitplatform.core.spi.OptionType;
import io.gitplatform.core.spi.TaskContext;
import io.gitplatform.core.spi.TaskHead;
import io.gitplatform.core.spi.TaskOption;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Task {@code vqa}: every question about one input goes into a single {@link GitPipeline#ask} batch, so they share
 * one vision pass and one image-prefix cache (the image tokens' keys and values in every decoder layer).
 */
@Extension
public final class VqaTask implements TaskHead {
    public static final String ID = "vqa";

    private static final List<TaskOption> OPTIONS;

    static {
        List<TaskOption> options = new ArrayList<>();
        options.add(new TaskOption("questions", OptionType.STRING_LIST, null,
                "questions about the input (at least one), answered in one batch"));
        options.addAll(GenerationSettings.OPTIONS);
        OPTIONS = List.copyOf(options);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Answers questions about an image or a video; all questions share one vision pass.";
    }

    @Override
    public Set<InputKind> inputs() {
        return Set.of(InputKind.IMAGE, InputKind.VIDEO);
    }

    @Override
    public List<TaskOption> options() {
        return OPTIONS;
    }

    @Override
    public TaskResult run(TaskRequest request, TaskContext context) {
        List<String> questions = request.options().questions();
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("vqa needs at least one question");
        }
        GitPipeline pipeline = context.pipeline();
        GenerationOptions options = request.options().generation().applyTo(pipeline.defaultOptions());
        EncodedInput input = context.encode(request.input());
        request.progress().onProgress("generate", 0);
        List<TextResult> results = pipeline.ask(input, questions, options, request.tokens(), request.cancellation());
        request.progress().onProgress("generate", 1);
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            answers.add(Answer.of(questions.get(i), results.get(i)));
        }
        return TaskResult.ofAnswers(ID, answers, context.timings());
    }
}
