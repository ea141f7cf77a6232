package io.gitplatform.starter.task;

import io.gitplatform.core.generate.FinishReason;
import java.time.Duration;

/**
 * A caption of an image or video.
 *
 * @param text             the caption
 * @param finish           why generation stopped (end token, token budget, cancelled)
 * @param promptTokens     text tokens the caption was generated from ({@code [CLS]})
 * @param completionTokens tokens generated, the end token included
 * @param frames           frames the model saw (1 for an image)
 * @param video            whether the input was a video
 * @param model            the model's name
 * @param elapsed          decode, encode and generation together
 */
public record GitCaption(String text, FinishReason finish, int promptTokens, int completionTokens, int frames,
        boolean video, String model, Duration elapsed) {
}
