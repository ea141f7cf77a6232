package io.gitplatform.starter.task;

import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.TaskTimings;

/**
 * A caption of an image or video.
 *
 * @param text             the caption
 * @param finish           why generation stopped (end token, token budget, cancelled)
 * @param promptTokens     text tokens the caption was generated from ({@code [CLS]})
 * @param completionTokens tokens generated, the end token included
 * @param model            the model's name
 * @param timings          the vision pass and the whole task
 */
public record GitCaption(String text, FinishReason finish, int promptTokens, int completionTokens, String model,
        TaskTimings timings) {
}
