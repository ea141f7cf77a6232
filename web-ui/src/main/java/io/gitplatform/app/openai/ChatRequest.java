package io.gitplatform.app.openai;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's chat completion request (snake_case on the wire). Fields the GIT model cannot honour are read too, so that
 * {@link ChatChecks} can refuse them by name instead of ignoring them; fields OpenAI itself ignores here
 * ({@code user}, {@code metadata}, {@code store}...) are ignored.
 *
 * @param model               the loaded model's name, or {@code default}; required, as OpenAI has it
 * @param maxCompletionTokens tokens to generate at most; {@code max_tokens} is the legacy name
 * @param temperature         0..2; 0 is greedy, any other value samples
 * @param stop                a string or up to 4 strings; the text ends before the first one generated
 * @param logprobs            whether to return each output token's log-probability
 * @param topLogprobs         0..20 most likely alternatives per token (needs {@code logprobs})
 */
public record ChatRequest(String model, List<Message> messages, Integer maxCompletionTokens, Integer maxTokens,
        Boolean stream, StreamOptions streamOptions, Double temperature, Double topP, Long seed, Integer n,
        JsonNode stop, Boolean logprobs, Integer topLogprobs, Double frequencyPenalty, Double presencePenalty,
        JsonNode responseFormat, JsonNode tools, JsonNode toolChoice, JsonNode functions, JsonNode functionCall,
        JsonNode audio, JsonNode modalities) {

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

    public boolean wantsLogprobs() {
        return Boolean.TRUE.equals(logprobs);
    }
}
