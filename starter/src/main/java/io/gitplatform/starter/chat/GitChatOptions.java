package io.gitplatform.starter.chat;

import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptionsBuilder;

/**
 * Options of {@link GitChatModel}. Unset (null) values fall back to {@code git.chat.options.*}, then
 * {@code git.generation.*}, then the checkpoint's generation_config.json.
 *
 * <ul>
 * <li>{@code maxTokens}: tokens to generate at most (max_new_tokens);</li>
 * <li>{@code numBeams}: beam search with this many beams (1 = greedy);</li>
 * <li>{@code temperature}: above 0 switches sampling on with {@code topK}, {@code topP} and {@code seed}; 0 is
 * greedy (or beam search);</li>
 * <li>{@code model}: informational only (one model is loaded).</li>
 * </ul>
 * Frequency and presence penalties and stop sequences are accepted but have no effect: GIT's generation has no such
 * settings. Immutable: change a copy through {@link #mutate()}.
 */
public final class GitChatOptions implements ChatOptions {

    private final String model;
    private final Integer maxTokens;
    private final Integer numBeams;
    private final Double temperature;
    private final Integer topK;
    private final Double topP;
    private final Long seed;
    private final Double frequencyPenalty;
    private final Double presencePenalty;
    private final List<String> stopSequences;

    private GitChatOptions(String model, Integer maxTokens, Integer numBeams, Double temperature, Integer topK,
            Double topP, Long seed, Double frequencyPenalty, Double presencePenalty, List<String> stopSequences) {
        this.model = model;
        this.maxTokens = maxTokens;
        this.numBeams = numBeams;
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.seed = seed;
        this.frequencyPenalty = frequencyPenalty;
        this.presencePenalty = presencePenalty;
        this.stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String getModel() {
        return model;
    }

    @Override
    public Integer getMaxTokens() {
        return maxTokens;
    }

    /** Beams for beam search (transformers' num_beams); 1 or null for greedy or sampling. */
    public Integer getNumBeams() {
        return numBeams;
    }

    @Override
    public Double getTemperature() {
        return temperature;
    }

    @Override
    public Integer getTopK() {
        return topK;
    }

    @Override
    public Double getTopP() {
        return topP;
    }

    /** The sampling seed: the same seed, input and options give the same text. */
    public Long getSeed() {
        return seed;
    }

    @Override
    public Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    @Override
    public Double getPresencePenalty() {
        return presencePenalty;
    }

    @Override
    public List<String> getStopSequences() {
        return stopSequences;
    }

    @Override
    public Builder mutate() {
        return builder().model(model).maxTokens(maxTokens).numBeams(numBeams).temperature(temperature).topK(topK)
                .topP(topP).seed(seed).frequencyPenalty(frequencyPenalty).presencePenalty(presencePenalty)
                .stopSequences(stopSequences);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GitChatOptions that && Objects.equals(model, that.model)
                && Objects.equals(maxTokens, that.maxTokens) && Objects.equals(numBeams, that.numBeams)
                && Objects.equals(temperature, that.temperature) && Objects.equals(topK, that.topK)
                && Objects.equals(topP, that.topP) && Objects.equals(seed, that.seed)
                && Objects.equals(frequencyPenalty, that.frequencyPenalty)
                && Objects.equals(presencePenalty, that.presencePenalty)
                && Objects.equals(stopSequences, that.stopSequences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, maxTokens, numBeams, temperature, topK, topP, seed, frequencyPenalty,
                presencePenalty, stopSequences);
    }

    @Override
    public String toString() {
        return "GitChatOptions[model=" + model + ", maxTokens=" + maxTokens + ", numBeams=" + numBeams
                + ", temperature=" + temperature + ", topK=" + topK + ", topP=" + topP + ", seed=" + seed + "]";
    }

    /** Builds {@link GitChatOptions}; combines with any Spring AI options builder (portable fields) or another of its own. */
    public static final class Builder extends DefaultChatOptionsBuilder<Builder> {

        private Integer numBeams;
        private Long seed;

        public Builder numBeams(Integer numBeams) {
            this.numBeams = numBeams;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        /** Copies {@code other}'s set values over this builder's: the portable ones, and beams and seed from ours. */
        @Override
        public Builder combineWith(ChatOptions.Builder<?> other) {
            super.combineWith(other);
            if (other instanceof Builder that) {
                if (that.numBeams != null) {
                    this.numBeams = that.numBeams;
                }
                if (that.seed != null) {
                    this.seed = that.seed;
                }
            }
            return this;
        }

        @Override
        public GitChatOptions build() {
            return new GitChatOptions(model, maxTokens, numBeams, temperature, topK, topP, seed, frequencyPenalty,
                    presencePenalty, stopSequences);
        }
    }
}
