package io.gitplatform.app.it;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Chat completion bodies for the OpenAI endpoint's tests: one user message, a text part and an image part. */
public final class OpenAiRequests {
    private static final String DROP = "\u0000drop";

    private OpenAiRequests() {
    }

    public static byte[] png(String sample, int frame) {
        return Samples.png(sample, frame);
    }

    public static String caption(String sample) {
        return Samples.named(sample).referenceCaption();
    }

    /** A change that removes a field from the body. */
    public static Map<String, Object> without(String field) {
        return Map.of(field, DROP);
    }

    /** A change that adds a part after the image. */
    public static Map<String, Object> withPart(Map<String, Object> part) {
        return Map.of("\u0000part", part);
    }

    /** A change that replaces the image's URL. */
    public static Map<String, Object> withImageUrl(String url) {
        return Map.of("\u0000url", url);
    }

    /** A greedy, 20-token request about one sample's first frame, with {@code change} applied. */
    public static Map<String, Object> body(String sample, boolean stream, Map<String, Object> change) {
        String url = (String) change.getOrDefault("\u0000url",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(Samples.png(sample, 0)));
        List<Object> parts = new ArrayList<>(List.of(Map.of("type", "text", "text", ""),
                Map.of("type", "image_url", "image_url", Map.of("url", url))));
        if (change.containsKey("\u0000part")) {
            parts.add(change.get("\u0000part"));
        }
        Map<String, Object> body = new HashMap<>(Map.of("model", "default", "stream", stream,
                "max_completion_tokens", 20, "messages", List.of(Map.of("role", "user", "content", parts))));
        if (stream) {
            body.put("stream_options", Map.of("include_usage", true));
        }
        change.forEach((k, v) -> {
            if (DROP.equals(v)) {
                body.remove(k);
            } else if (!k.startsWith("\u0000")) {
                body.put(k, v);
            }
        });
        return body;
    }
}
