package io.gitplatform.plugins.classification;

import io.gitplatform.core.generate.FinishReason;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.TextResult;
import io.gitplatform.core.spi.Answer;
import io.gitplatform.core.spi.GenerationSettings;
import io.gitplatform.core.spi.InputKind;
import io.gitplatform.core.spi.OptionType;
import io.gitplatform.core.spi.RankedLabel;
import io.gitplatform.core.spi.TaskContext;
import io.gitplatform.core.spi.TaskHead;
import io.gitplatform.core.spi.TaskOption;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import io.gitplatform.core.spi.TokenUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Task {@code classify}: classification by generation. Without labels, the prompt is a question answered by
 * generation ("what shape is it?"). With labels, each label's log-likelihood under the model is scored in one
 * batched pass and normalised into probabilities: after the prompt when there is one, otherwise in the slots of the
 * model's own caption (see {@link CaptionSlots}).
 */
@Extension
public final class ClassifyTask implements TaskHead {
    public static final String ID = "classify";

    private static final List<TaskOption> OPTIONS;

    static {
        List<TaskOption> options = new ArrayList<>();
        options.add(new TaskOption("labels", OptionType.STRING_LIST, null,
                "candidate labels to rank; none: answer the prompt by generation"));
        options.add(new TaskOption("prompt", OptionType.STRING, null,
                "a question: labels are scored as its answer (without labels it is answered by generation);"
                        + " none: labels are scored in the slots of the model's caption"));
        options.add(new TaskOption("top_k", OptionType.INTEGER, "0", "ranked labels to return (0: all)"));
        options.addAll(GenerationSettings.OPTIONS);
        OPTIONS = List.copyOf(options);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Ranks candidate labels by their likelihood under the model, or answers an open question.";
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
        List<String> labels = checkedLabels(request.options().labels());
        String prompt = request.options().prompt();
        if (labels.isEmpty() && prompt == null) {
            throw new IllegalArgumentException("classify needs labels to rank, or a prompt to answer");
        }
        GitPipeline pipeline = context.pipeline();
        GenerationOptions generation = request.options().generation().applyTo(pipeline.defaultOptions());
        EncodedInput input = context.encode(request.input());
        if (labels.isEmpty()) {
            request.progress().onProgress("generate", 0);
            TextResult answer = pipeline.ask(input, List.of(prompt), generation, request.tokens(),
                    request.cancellation()).get(0);
            request.progress().onProgress("generate", 1);
            return TaskResult.ofAnswers(ID, List.of(Answer.of(prompt, answer)), context.timings());
        }
        Scores scores;
        if (prompt != null) {
            request.progress().onProgress("score", 0);
            scores = afterPrompt(pipeline, input, prompt, labels);
        } else {
            request.progress().onProgress("generate", 0);
            TextResult caption = pipeline.caption(input, GenerationOptions.greedy(generation.maxNewTokens()),
                    request.tokens(), request.cancellation());
            if (caption.finish() == FinishReason.CANCELLED) {
                return TaskResult.ofLabels(ID, List.of(), new TokenUsage(1, caption.completionTokens()),
                        context.timings(), FinishReason.CANCELLED);
            }
            request.progress().onProgress("score", 0);
            scores = CaptionSlots.score(pipeline, input, caption, labels);
        }
        request.progress().onProgress("score", 1);
        List<RankedLabel> ranked = RankedLabel.rank(labels, scores.logLikelihoods());
        int topK = request.options().topK();
        if (topK > 0 && topK < ranked.size()) {
            ranked = ranked.subList(0, topK);
        }
        return TaskResult.ofLabels(ID, ranked, scores.usage(), context.timings(), FinishReason.EOS);
    }

    /** Each label followed by {@code [SEP]}, as the answer to the prompt. */
    private static Scores afterPrompt(GitPipeline pipeline, EncodedInput input, String prompt, List<String> labels) {
        double[] logLikelihoods = pipeline.scoreContinuations(input, prompt, labels);
        int head = pipeline.prompt(prompt).length;
        int promptTokens = 0;
        for (String label : labels) {
            promptTokens += head + pipeline.tokenizer().encode(label, false).length + 1; // + [SEP]
        }
        return new Scores(logLikelihoods, new TokenUsage(promptTokens, 0));
    }

    private static List<String> checkedLabels(List<String> labels) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a label must not be empty");
            }
            if (!seen.add(label.trim())) {
                throw new IllegalArgumentException("label '" + label.trim() + "' is given twice");
            }
            out.add(label.trim());
        }
        return out;
    }
}
