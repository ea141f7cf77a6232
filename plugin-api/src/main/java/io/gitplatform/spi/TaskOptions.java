package io.gitplatform.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a request asks of a task. Each head reads the fields it declares in {@link TaskHead#options()} and ignores
 * the rest.
 *
 * @param questions  questions about the input (VQA), answered in one batch
 * @param labels     candidate labels (classification)
 * @param prompt     a text the model continues from, or a question to score labels after; null or blank for none
 * @param topK       how many ranked labels to return (0: all)
 * @param generation generation overrides on top of the model's defaults
 * @param extra      options of third-party heads, by the names their descriptors give
 */
public record TaskOptions(List<String> questions, List<String> labels, String prompt, int topK,
        GenerationSettings generation, Map<String, String> extra) {

    public static final TaskOptions NONE = builder().build();

    public TaskOptions {
        questions = List.copyOf(questions);
        labels = List.copyOf(labels);
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be 0 (all) or positive, got " + topK);
        }
        generation = generation == null ? GenerationSettings.DEFAULTS : generation;
        extra = Map.copyOf(extra);
    }

    /** The prompt, or null when none (blank counts as none). */
    @Override
    public String prompt() {
        return prompt == null || prompt.isBlank() ? null : prompt.trim();
    }

    /**
     * A request's options from text fields (form fields, {@code --option name=value}, a job's stored fields), checked
     * against the task's descriptors: unknown names, values of the wrong type or out of range, a missing required
     * option and lists or texts over {@code limits} are refused with an {@link IllegalArgumentException} naming the
     * option. Empty values count as absent (an empty form field). Options of third-party heads go to
     * {@link #extra()}, with their defaults filled in.
     */
    public static TaskOptions parse(String taskId, List<TaskOption> descriptors, Map<String, List<String>> fields,
            OptionLimits limits) {
        Map<String, TaskOption> byName = new LinkedHashMap<>();
        descriptors.forEach(d -> byName.put(d.name(), d));
        Map<String, List<String>> given = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            List<String> present = values == null ? List.of()
                    : values.stream().filter(v -> v != null && !v.isBlank()).toList();
            if (!present.isEmpty()) {
                given.put(name, present);
            }
        });
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                Set<String> known = new TreeSet<>(byName.keySet());
                throw new IllegalArgumentException("task '" + taskId + "' has no option '" + name + "'"
                        + (known.isEmpty() ? " (it takes none)" : " (its options: " + String.join(", ", known) + ")"));
            }
        }
        Map<String, String> single = new LinkedHashMap<>();
        Builder b = builder();
        for (TaskOption d : descriptors) {
            List<String> values = given.get(d.name());
            if (values == null) {
                if (d.required()) {
                    throw new IllegalArgumentException("task '" + taskId + "' needs option '" + d.name() + "': "
                            + d.description());
                }
                if (d.defaultValue() != null && isExtra(d.name())) {
                    b.extra(d.name(), d.defaultValue());
                }
                continue;
            }
            if (d.type() != OptionType.STRING_LIST && values.size() > 1) {
                throw new IllegalArgumentException("option '" + d.name() + "' takes one value, got " + values.size());
            }
            if (values.size() > limits.maxItems(d.name())) {
                throw new IllegalArgumentException("option '" + d.name() + "' has " + values.size()
                        + " values, more than the limit of " + limits.maxItems(d.name()));
            }
            for (String v : values) {
                if (v.length() > limits.maxTextLength()) {
                    throw new IllegalArgumentException("a value of option '" + d.name() + "' has " + v.length()
                            + " characters, more than the limit of " + limits.maxTextLength());
                }
                String problem = d.problem(v.strip());
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            switch (d.name()) {
                case "questions" -> b.questions(values.stream().map(String::strip).toList());
                case "labels" -> b.labels(values.stream().map(String::strip).toList());
                case "prompt" -> b.prompt(values.get(0));
                case "top_k" -> b.topK(Integer.parseInt(values.get(0).strip()));
                default -> {
                    if (d.name().startsWith("generation.")) {
                        single.put(d.name(), values.get(0).strip());
                    } else {
                        b.extra(d.name(), d.type() == OptionType.STRING_LIST ? String.join("\n", values)
                                : values.get(0).strip());
                    }
                }
            }
        }
        return b.generation(GenerationSettings.of(single)).build();
    }

    private static boolean isExtra(String name) {
        return !List.of("questions", "labels", "prompt", "top_k").contains(name) && !name.startsWith("generation.");
    }

    /**
     * These options as text fields, the inverse of {@link #parse} for the fields a task declares (to store a request,
     * or to send it on).
     */
    public Map<String, List<String>> toFields() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!questions.isEmpty()) {
            out.put("questions", questions);
        }
        if (!labels.isEmpty()) {
            out.put("labels", labels);
        }
        if (prompt() != null) {
            out.put("prompt", List.of(prompt()));
        }
        if (topK != 0) {
            out.put("top_k", List.of(Integer.toString(topK)));
        }
        generation.toValues().forEach((name, value) -> out.put(name, List.of(value)));
        extra.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v))));
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds options field by field; unset fields are empty. */
    public static final class Builder {
        private List<String> questions = List.of();
        private List<String> labels = List.of();
        private String prompt;
        private int topK;
        private GenerationSettings generation = GenerationSettings.DEFAULTS;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder questions(List<String> value) {
            questions = value;
            return this;
        }

        public Builder question(String value) {
            return questions(List.of(value));
        }

        public Builder labels(List<String> value) {
            labels = value;
            return this;
        }

        public Builder prompt(String value) {
            prompt = value;
            return this;
        }

        public Builder topK(int value) {
            topK = value;
            return this;
        }

        public Builder generation(GenerationSettings value) {
            generation = value;
            return this;
        }

        public Builder extra(String name, String value) {
            extra.put(name, value);
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(questions, labels, prompt, topK, generation, extra);
        }
    }
}
