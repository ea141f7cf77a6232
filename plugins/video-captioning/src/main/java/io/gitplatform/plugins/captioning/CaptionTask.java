package io.gitplatform.plugins.captioning;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskOption;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TextResult;
import java.util.List;
import org.pf4j.Extension;

/** Task {@code caption}: generation from {@code [CLS]} alone, with the request's greedy, beam or sampling settings. */
@Extension
public final class CaptionTask implements TaskHead {
    public static final String ID = "caption";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Describes an image or a video in one sentence (greedy, beam search or sampling).";
    }

    @Override
    public List<TaskOption> options() {
        return GenerationSettings.OPTIONS;
    }

    @Override
    public TaskResult run(TaskRequest request, TaskContext context) {
        TextResult caption = context.caption(request.input(), request.options().generation());
        return TaskResult.ofAnswers(ID, List.of(Answer.of(null, caption)), context.timings());
    }
}
