package io.gitplatform.starter.task;

import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.TaskTimings;

/**
 * An answer to a question about an image or video.
 *
 * @param question         the question as asked
 * @param text             the answer, without the question
 * @param finish           why generation stopped (end token, token budget, cancelled)
 * @param promptTokens     text tokens of the prompt ({@code [CLS]} and the question)
 * @param completionTokens tokens generated, the end token included
 * @param model            the model's name
 * @param timings          the vision pass and the whole task (shared by the answers of one call)
 */
public record GitAnswer(String question, String text, FinishReason finish, int promptTokens, int completionTokens,
        String model, TaskTimings timings) {
}
