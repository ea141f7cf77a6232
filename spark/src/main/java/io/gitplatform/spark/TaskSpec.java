package io.gitplatform.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.gitplatform.core.spi.GenerationSettings;
import io.gitplatform.core.spi.TaskOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every row asks of its task, in a serializable form that the executors turn into {@link TaskOptions}. Option
 * names are those the task heads declare: {@code questions}, {@code labels}, {@code prompt}, {@code top_k},
 * {@code generation.*}, and any other name goes to a third-party head as a string ({@link TaskOptions#extra()}).
 *
 * @param generation {@code generation.*} options by their name without the prefix, as strings
 * @param extra      options of third-party heads
 * @param frames     frames sampled per video, 0 for the model's own count
 */
public record TaskSpec(String taskId, List<String> questions, List<String> labels, String prompt, int topK,
        Map<String, String> generation, Map<String, String> extra, int frames) implements Serializable {

    private static final List<String> GENERATION = GenerationSettings.OPTIONS.stream()
            .map(o -> o.name().substring("generation.".length())).toList();

    public TaskSpec {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("task must name a task, e.g. caption, ask or classify");
        }
        questions = new ArrayList<>(questions);
        labels = new ArrayList<>(labels);
        generation = new LinkedHashMap<>(generation);
        extra = new LinkedHashMap<>(extra);
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be 0 (the model's count) or positive, got " + frames);
        }
    }

    /**
     * Typed parameters with {@code optionsJson} on top: a JSON object of option name to value (string, number,
     * boolean, or an array of strings for {@code questions} and {@code labels}).
     */
    public static TaskSpec of(String taskId, List<String> questions, List<String> labels, String prompt, int topK,
            String optionsJson, int frames) {
        List<String> q = new ArrayList<>(questions);
        List<String> l = new ArrayList<>(labels);
        String p = prompt;
        int k = topK;
        Map<String, String> generation = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : parseObject(optionsJson).entrySet()) {
            String name = e.getKey();
            JsonElement value = e.getValue();
            switch (name) {
                case "questions" -> q = strings(name, value, "\n");
                case "labels" -> l = strings(name, value, ",");
                case "prompt" -> p = scalar(name, value);
                case "top_k" -> k = convert(name, scalar(name, value), Integer::valueOf, "an integer");
                default -> {
                    if (name.startsWith("generation.")) {
                        String key = name.substring("generation.".length());
                        if (!GENERATION.contains(key)) {
                            throw new IllegalArgumentException("unknown option '" + name + "'; generation options are "
                                    + GENERATION.stream().map(g -> "generation." + g).toList());
                        }
                        generation.put(key, scalar(name, value));
                    } else {
                        extra.put(name, scalar(name, value));
                    }
                }
            }
        }
        TaskSpec spec = new TaskSpec(taskId.strip(), q, l, p, k, generation, extra, frames);
        spec.options(null); // every value converts now, on the driver, or the job does not start
        return spec;
    }

    /** The request's options; {@code rowQuestions}, when not empty, replace the configured questions. */
    public TaskOptions options(List<String> rowQuestions) {
        TaskOptions.Builder b = TaskOptions.builder()
                .questions(rowQuestions == null || rowQuestions.isEmpty() ? questions : rowQuestions)
                .labels(labels).prompt(prompt).topK(topK).generation(generationSettings());
        extra.forEach(b::extra);
        return b.build();
    }

    private GenerationSettings generationSettings() {
        return new GenerationSettings(integer("max_new_tokens"), integer("min_new_tokens"), integer("num_beams"),
                number("length_penalty"), bool("early_stopping"), bool("do_sample"), number("temperature"),
                integer("top_k"), number("top_p"), generation.containsKey("seed")
                        ? convert("generation.seed", generation.get("seed"), Long::valueOf, "an integer") : null);
    }

    private Integer integer(String key) {
        return generation.containsKey(key)
                ? convert("generation." + key, generation.get(key), Integer::valueOf, "an integer") : null;
    }

    private Double number(String key) {
        return generation.containsKey(key)
                ? convert("generation." + key, generation.get(key), Double::valueOf, "a number") : null;
    }

    private Boolean bool(String key) {
        if (!generation.containsKey(key)) {
            return null;
        }
        return convert("generation." + key, generation.get(key), v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        }, "true or false");
    }

    private static <T> T convert(String name, String value, Function<String, T> parse, String expected) {
        try {
            return parse.apply(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + name + ": '" + value + "' is not " + expected);
        }
    }

    private static JsonObject parseObject(String json) {
        if (json == null || json.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("options must be a JSON object of name to value, got: " + json);
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("options are not valid JSON (" + e.getMessage() + "): " + json);
        }
    }

    private static String scalar(String name, JsonElement value) {
        if (value.isJsonNull() || !value.isJsonPrimitive()) {
            throw new IllegalArgumentException("option " + name + " takes a string, number or boolean, got " + value);
        }
        return value.getAsString();
    }

    /** An array of strings, or one string split at {@code separator}. */
    private static List<String> strings(String name, JsonElement value, String separator) {
        List<String> out = new ArrayList<>();
        if (value.isJsonArray()) {
            value.getAsJsonArray().forEach(v -> out.add(scalar(name, v)));
        } else {
            for (String part : scalar(name, value).split(separator)) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return taskId + " " + Objects.toString(options(null));
    }
}
