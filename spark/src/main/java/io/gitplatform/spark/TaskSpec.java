package io.gitplatform.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.spi.TaskOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every row asks of its task, as the text fields every entry point sends (REST form fields, the CLI's
 * {@code --option name=value}): the executors turn them into {@link TaskOptions} with the platform's own parser,
 * checked against the task's option descriptors and limits, so a bad option is refused with the REST API's words.
 * Names are those the task declares: {@code questions}, {@code labels}, {@code prompt}, {@code top_k},
 * {@code generation.*}, and a third-party task's own.
 *
 * @param fields option name to its values
 * @param frames frames sampled per video, 0 for the model's own count
 */
public record TaskSpec(String taskId, Map<String, List<String>> fields, int frames) implements Serializable {

    public TaskSpec {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("task must name a task, e.g. caption, vqa or classify");
        }
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>(); // serializable, in order
        fields.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        fields = copy;
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be 0 (the model's count) or positive, got " + frames);
        }
    }

    /**
     * The typed parameters, then {@code optionsJson} on top: a JSON object of option name to a value (string, number,
     * boolean) or an array of values (for list options such as {@code questions} and {@code labels}).
     */
    public static TaskSpec of(String taskId, List<String> questions, List<String> labels, String prompt, int topK,
            String optionsJson, int frames) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (!questions.isEmpty()) {
            fields.put("questions", questions);
        }
        if (!labels.isEmpty()) {
            fields.put("labels", labels);
        }
        if (prompt != null && !prompt.isBlank()) {
            fields.put("prompt", List.of(prompt));
        }
        if (topK != 0) {
            fields.put("top_k", List.of(Integer.toString(topK)));
        }
        for (Map.Entry<String, JsonElement> e : parseObject(optionsJson).entrySet()) {
            List<String> values = new ArrayList<>();
            if (e.getValue().isJsonArray()) {
                e.getValue().getAsJsonArray().forEach(v -> values.add(scalar(e.getKey(), v)));
            } else {
                values.add(scalar(e.getKey(), e.getValue()));
            }
            fields.put(e.getKey(), values);
        }
        return new TaskSpec(taskId.strip(), fields, frames);
    }

    /**
     * The request's options, parsed and checked by the platform; {@code rowQuestions}, when not empty, replace the
     * configured questions.
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing or invalid
     */
    public TaskOptions options(GitPlatform platform, List<String> rowQuestions) {
        Map<String, List<String>> request = fields;
        if (rowQuestions != null && !rowQuestions.isEmpty()) {
            request = new LinkedHashMap<>(fields);
            request.put("questions", rowQuestions);
        }
        return platform.options(taskId, request);
    }

    private static JsonObject parseObject(String json) {
        if (json == null || json.isBlank()) {
            return new JsonObject();
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonParseException failure) {
            throw new IllegalArgumentException("options are not valid JSON (" + failure.getMessage() + "): " + json);
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("options must be a JSON object of name to value, got: " + json);
        }
        return e.getAsJsonObject();
    }

    private static String scalar(String name, JsonElement value) {
        if (value.isJsonNull() || !value.isJsonPrimitive()) {
            throw new IllegalArgumentException("option '" + name + "' takes a string, number or boolean (or an array"
                    + " of them), got " + value);
        }
        return value.getAsString();
    }
}
