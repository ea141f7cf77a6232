package io.gitplatform.starter.task;

import io.gitplatform.core.generate.FinishReason;
import java.time.Duration;

/**
 * An answer to a question about an image or video.
 *
 * @param question         the question as asked
 * @param text             the answer, without the question
 * @param finish           why generation stopped (end token, token budget, cancelled)
 * @param promptTokens     text tokens of the prompt ({@code [CLS]} and the question)
 * @param completionTokens tokens generated, the end token included
 * @param frames           frames the model saw (1 for an image)
 * @param video            whether the input was a video
 * @param model            the model's name
 * @param elapsed          decode, encode and generation of the whole call (shared by a call's answers)
 */
public record GitAnswer(String question, String text, FinishReason finish, int promptTokens, int completionTokens,
        int frames, boolean video, String model, Duration elapsed) {
}
