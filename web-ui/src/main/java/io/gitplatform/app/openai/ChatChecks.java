package io.gitplatform.app.openai;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The checks OpenAI makes on a chat completion request, with its parameter names in the errors, and the refusal of
 * what this server cannot honour (tools, structured output, several choices, audio): never silently ignored.
 */
final class ChatChecks {
    static final int MAX_STOP_SEQUENCES = 4;
    static final int MAX_TOP_LOGPROBS = 20;

    private ChatChecks() {
    }

    static void check(ChatRequest r) {
        if (r.model() == null || r.model().isBlank()) {
            throw OpenAiException.invalid("model", "missing_required_parameter",
                    "you must provide a model parameter (the loaded model's name, or 'default')");
        }
        if (r.messages() == null || r.messages().isEmpty()) {
            throw OpenAiException.invalid("messages", "missing_required_parameter",
                    "messages must be a non-empty list");
        }
        range("temperature", r.temperature(), 0, 2);
        range("top_p", r.topP(), 0, 1);
        range("frequency_penalty", r.frequencyPenalty(), -2, 2);
        range("presence_penalty", r.presencePenalty(), -2, 2);
        if (r.maxCompletionTokens() != null && r.maxCompletionTokens() < 1) {
            throw OpenAiException.invalid("max_completion_tokens", "invalid_value",
                    "max_completion_tokens must be at least 1, got " + r.maxCompletionTokens());
        }
        if (r.maxTokens() != null && r.maxTokens() < 1) {
            throw OpenAiException.invalid("max_tokens", "invalid_value",
                    "max_tokens must be at least 1, got " + r.maxTokens());
        }
        if (r.n() != null && r.n() != 1) {
            throw OpenAiException.invalid("n", "unsupported_value", "n must be 1: this server returns one choice");
        }
        if (r.topLogprobs() != null) {
            if (r.topLogprobs() < 0 || r.topLogprobs() > MAX_TOP_LOGPROBS) {
                throw OpenAiException.invalid("top_logprobs", "invalid_value", "top_logprobs must be between 0 and "
                        + MAX_TOP_LOGPROBS + ", got " + r.topLogprobs());
            }
            if (!r.wantsLogprobs()) {
                throw OpenAiException.invalid("top_logprobs", "invalid_value",
                        "top_logprobs needs logprobs set to true");
            }
        }
        unsupported("tools", r.tools(), "tools (function calling) are not supported by this model");
        unsupported("tool_choice", r.toolChoice(), "tool_choice is not supported: this model calls no tools");
        unsupported("functions", r.functions(), "functions (function calling) are not supported by this model");
        unsupported("function_call", r.functionCall(), "function_call is not supported: this model calls no tools");
        unsupported("audio", r.audio(), "audio output is not supported: this model writes text");
        if (r.modalities() != null && !r.modalities().isNull()) {
            for (JsonNode m : r.modalities()) {
                if (!"text".equals(m.asString(""))) {
                    throw OpenAiException.invalid("modalities", "unsupported_value",
                            "modalities may only be [\"text\"]: this model writes text");
                }
            }
        }
        if (r.responseFormat() != null && !r.responseFormat().isNull()
                && !"text".equals(r.responseFormat().path("type").asString(""))) {
            throw OpenAiException.invalid("response_format", "unsupported_value", "response_format '"
                    + r.responseFormat().path("type").asString("?") + "' is not supported: only text");
        }
        stops(r.stop());
    }

    /** The stop sequences: none, one string, or a list of up to four non-empty strings. */
    static List<String> stops(JsonNode stop) {
        List<String> out = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return out;
        }
        if (stop.isString()) {
            out.add(stop.asString());
        } else if (stop.isArray()) {
            for (JsonNode s : stop) {
                if (!s.isString()) {
                    throw OpenAiException.invalid("stop", "invalid_type", "stop must be a string or a list of strings");
                }
                out.add(s.asString());
            }
        } else {
            throw OpenAiException.invalid("stop", "invalid_type", "stop must be a string or a list of strings");
        }
        if (out.size() > MAX_STOP_SEQUENCES) {
            throw OpenAiException.invalid("stop", "invalid_value", "stop takes at most " + MAX_STOP_SEQUENCES
                    + " sequences, got " + out.size());
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw OpenAiException.invalid("stop", "invalid_value", "a stop sequence must not be empty");
        }
        return out;
    }

    private static void range(String param, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw OpenAiException.invalid(param, "invalid_value", param + " must be between " + fmt(min) + " and "
                    + fmt(max) + ", got " + value);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void unsupported(String param, JsonNode value, String message) {
        if (value != null && !value.isNull()) {
            throw OpenAiException.invalid(param, "unsupported_parameter", message);
        }
    }
}
