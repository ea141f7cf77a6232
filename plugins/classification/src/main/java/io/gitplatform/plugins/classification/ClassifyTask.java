package io.gitplatform.plugins.classification;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.OptionType;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOption;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TokenUsage;
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

    private static final List<TaskOption> OPTIONS = GenerationSettings.optionsWith(
            new TaskOption("labels", OptionType.STRING_LIST, null,
                    "candidate labels to rank; none: answer the prompt by generation"),
            new TaskOption("prompt", OptionType.STRING, null,
                    "a question: labels are scored as its answer (without labels it is answered by generation);"
                            + " none: labels are scored in the slots of the model's caption"),
            new TaskOption("top_k", OptionType.INTEGER, "0", "ranked labels to return (0: all)"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Ranks candidate labels by their likelihood under the model, or answers an open question.";
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
        TaskInput input = request.input();
        GenerationSettings generation = request.options().generation();
        if (labels.isEmpty()) {
            TextResult answer = context.ask(input, List.of(prompt), generation).get(0);
            return TaskResult.ofAnswers(ID, List.of(Answer.of(prompt, answer)), context.timings());
        }
        Scores scores;
        if (prompt != null) {
            scores = afterPrompt(context, input, prompt, labels);
        } else {
            // The slots come from the greedy caption, whatever search the request asked for; only its budget is kept.
            TextResult caption = context.caption(input, new GenerationSettings(generation.maxNewTokens(), null, 1,
                    null, null, false, null, null, null, null));
            if (caption.finish() == FinishReason.CANCELLED) {
                return TaskResult.ofLabels(ID, List.of(), new TokenUsage(1, caption.completionTokens()),
                        context.timings(), FinishReason.CANCELLED);
            }
            scores = CaptionSlots.score(context, input, caption, labels);
        }
        List<RankedLabel> ranked = RankedLabel.rank(labels, scores.logLikelihoods());
        int topK = request.options().topK();
        if (topK > 0 && topK < ranked.size()) {
            ranked = ranked.subList(0, topK);
        }
        return TaskResult.ofLabels(ID, ranked, scores.usage(), context.timings(), FinishReason.EOS);
    }

    /** Each label followed by {@code [SEP]}, as the answer to the prompt. */
    private static Scores afterPrompt(TaskContext context, TaskInput input, String prompt, List<String> labels) {
        double[] logLikelihoods = context.score(input, prompt, labels);
        int head = 1 + context.tokens().encode(prompt).length; // [CLS] + prompt
        int promptTokens = 0;
        for (String label : labels) {
            promptTokens += head + context.tokens().encode(label).length + 1; // + [SEP]
        }
        return new Scores(logLikelihoods, new TokenUsage(promptTokens, 0));
    }

    private static List<String> checkedLabels(List<String> labels) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String label : labels) { // blank ones never arrive: TaskOptions.parse drops empty values
            if (!seen.add(label.trim())) {
                throw new IllegalArgumentException("label '" + label.trim() + "' is given twice");
            }
            out.add(label.trim());
        }
        return out;
    }
}
