package io.gitplatform.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a task head returns. Lists are copied, so a result holds no object of the plugin that made it (an unloaded
 * plugin's class loader can then be collected while results are still around).
 *
 * @param taskId  the head that produced it
 * @param text    the main text: the caption, the answers one per line, or the best label
 * @param answers generated texts with their questions (a caption is one answer without a question)
 * @param labels  ranked labels, best first (classification), possibly cut to top-k
 * @param finish  EOS when every generation ended (scoring always does), LENGTH when one ran out of tokens,
 *                CANCELLED when the request was cancelled or timed out
 */
public record TaskResult(String taskId, String text, List<Answer> answers, List<RankedLabel> labels,
        TokenUsage usage, TaskTimings timings, FinishReason finish) {

    public TaskResult {
        Objects.requireNonNull(taskId, "taskId");
        answers = List.copyOf(answers);
        labels = List.copyOf(labels);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(finish, "finish");
    }

    /** A result made of generated texts: their text joined by lines, usage summed, the worst finish reason. */
    public static TaskResult ofAnswers(String taskId, List<Answer> answers, TaskTimings timings) {
        StringBuilder text = new StringBuilder();
        TokenUsage usage = TokenUsage.NONE;
        FinishReason finish = FinishReason.EOS;
        for (Answer a : answers) {
            text.append(text.length() == 0 ? "" : "\n").append(a.text());
            usage = usage.plus(new TokenUsage(a.promptTokens(), a.completionTokens()));
            finish = worse(finish, a.finish());
        }
        return new TaskResult(taskId, text.toString(), answers, List.of(), usage, timings, finish);
    }

    /** A result made of ranked labels (best first); its text is the best label. */
    public static TaskResult ofLabels(String taskId, List<RankedLabel> labels, TokenUsage usage, TaskTimings timings,
            FinishReason finish) {
        return new TaskResult(taskId, labels.isEmpty() ? "" : labels.get(0).label(), List.of(), labels, usage,
                timings, finish);
    }

    /** CANCELLED over LENGTH over EOS: the reason that says most about what is missing. */
    public static FinishReason worse(FinishReason a, FinishReason b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(FinishReason reason) {
        return switch (reason) {
            case EOS -> 0;
            case LENGTH -> 1;
            case CANCELLED -> 2;
        };
    }
}
