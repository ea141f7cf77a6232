package io.gitplatform.app.openai;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The subset of OpenAI's chat completion request the GIT model can honour (snake_case on the wire). Unknown fields
 * are ignored, as OpenAI-compatible servers do.
 *
 * @param model               the loaded model's name, or {@code default}
 * @param maxCompletionTokens tokens to generate at most; {@code max_tokens} is the legacy name
 * @param temperature         0 is greedy; any other value samples
 */
public record ChatRequest(String model, List<Message> messages, Integer maxCompletionTokens, Integer maxTokens,
        Boolean stream, StreamOptions streamOptions, Double temperature, Double topP, Long seed, Integer n) {

    /** @param content a string, or a list of {@code text} and {@code image_url} parts */
    public record Message(String role, JsonNode content) {
    }

    public record StreamOptions(Boolean includeUsage) {
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
