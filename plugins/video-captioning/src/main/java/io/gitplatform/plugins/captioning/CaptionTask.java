package io.gitplatform.plugins.captioning;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.TextResult;
import io.gitplatform.core.spi.Answer;
import io.gitplatform.core.spi.GenerationSettings;
import io.gitplatform.core.spi.InputKind;
import io.gitplatform.core.spi.TaskContext;
import io.gitplatform.core.spi.TaskHead;
import io.gitplatform.core.spi.TaskOption;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import java.util.List;
import java.util.Set;
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
    public Set<InputKind> inputs() {
        return Set.of(InputKind.IMAGE, InputKind.VIDEO);
    }

    @Override
    public List<TaskOption> options() {
        return GenerationSettings.OPTIONS;
    }

    @Override
    public TaskResult run(TaskRequest request, TaskContext context) {
        GitPipeline pipeline = context.pipeline();
        GenerationOptions options = request.options().generation().applyTo(pipeline.defaultOptions());
        EncodedInput input = context.encode(request.input());
        request.progress().onProgress("generate", 0);
        TextResult caption = pipeline.caption(input, options, request.tokens(), request.cancellation());
        request.progress().onProgress("generate", 1);
        return TaskResult.ofAnswers(ID, List.of(Answer.of(null, caption)), context.timings());
    }
}
