package io.gitplatform.spi;

import java.util.Objects;

/**
 * One call of a task head.
 *
 * @param tokens       receives generated tokens as they are chosen (row = question index), for streaming
 * @param cancellation polled while generating; the platform sets it when the task times out
 * @param progress     hears the stages as they run
 */
public record TaskRequest(TaskInput input, TaskOptions options, TokenListener tokens, CancellationFlag cancellation,
        ProgressListener progress) {

    public TaskRequest {
        Objects.requireNonNull(input, "input");
        options = options == null ? TaskOptions.NONE : options;
        tokens = tokens == null ? TokenListener.NONE : tokens;
        cancellation = cancellation == null ? new CancellationFlag() : cancellation;
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    public static TaskRequest of(TaskInput input, TaskOptions options) {
        return new TaskRequest(input, options, null, null, null);
    }

    public TaskRequest withOptions(TaskOptions value) {
        return new TaskRequest(input, value, tokens, cancellation, progress);
    }

    public TaskRequest withTokens(TokenListener listener) {
        return new TaskRequest(input, options, listener, cancellation, progress);
    }

    public TaskRequest withCancellation(CancellationFlag flag) {
        return new TaskRequest(input, options, tokens, flag, progress);
    }

    public TaskRequest withProgress(ProgressListener listener) {
        return new TaskRequest(input, options, tokens, cancellation, listener);
    }
}
