package io.gitplatform.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
