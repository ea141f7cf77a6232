package io.gitplatform.app.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** OpenAI's chat completion bodies: the whole answer, a streamed chunk, the model list. */
final class ChatResponses {
    private ChatResponses() {
    }

    record Completion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Choice(int index, Message message, Object logprobs, String finishReason) {
    }

    record Message(String role, String content) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices, Usage usage) {
    }

    /** {@code finish_reason} is null until the last chunk, and OpenAI sends it as null: always included. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChunkChoice(int index, Delta delta, Object logprobs, String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {
    }

    record Usage(int promptTokens, int completionTokens, int totalTokens) {
    }

    record ModelList(String object, List<Model> data) {
    }

    record Model(String id, String object, long created, String ownedBy) {
    }
}
