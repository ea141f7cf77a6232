package com.example.colors;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.OptionType;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOption;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * Task {@code describe-colors}, a third-party example: asks the model what the object is, then the colour of that
 * object and of the background, and writes "blue square on gray". Two rounds of questions, one vision pass.
 */
@Extension
public final class DescribeColorsTask implements TaskHead {

    @Override
    public String id() {
        return "describe-colors";
    }

    @Override
    public String description() {
        return "Names the object, its colour and the background colour (\"blue square on gray\").";
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption("background", OptionType.BOOLEAN, "true", "also name the background colour"));
    }

    @Override
    public TaskResult run(TaskRequest request, TaskContext context) {
        boolean background = Boolean.parseBoolean(request.options().extra().getOrDefault("background", "true"));
        TaskInput input = request.input(); // the same object in every call: one vision pass for both rounds
        GenerationSettings shortAnswer = GenerationSettings.greedy(5);

        String shapeQuestion = "what shape is it?";
        TextResult shape = context.ask(input, List.of(shapeQuestion), shortAnswer).get(0);
        List<String> questions = new ArrayList<>(List.of("what color is the " + shape.text() + "?"));
        if (background) {
            questions.add("what color is the background?");
        }
        List<TextResult> colors = context.ask(input, questions, shortAnswer);

        String text = colors.get(0).text() + " " + shape.text() + (background ? " on " + colors.get(1).text() : "");
        List<Answer> answers = new ArrayList<>(List.of(Answer.of(shapeQuestion, shape)));
        TokenUsage usage = new TokenUsage(shape.promptTokens(), shape.completionTokens());
        FinishReason finish = shape.finish();
        for (int i = 0; i < questions.size(); i++) {
            answers.add(Answer.of(questions.get(i), colors.get(i)));
            usage = usage.plus(new TokenUsage(colors.get(i).promptTokens(), colors.get(i).completionTokens()));
            finish = TaskResult.worse(finish, colors.get(i).finish());
        }
        return new TaskResult(id(), text, answers, List.of(), usage, context.timings(), finish);
    }
}
