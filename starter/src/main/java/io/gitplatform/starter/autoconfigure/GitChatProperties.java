package io.gitplatform.starter.autoconfigure;

import io.gitplatform.starter.chat.GitChatOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Spring AI ChatModel's defaults ({@code git.chat.*}); a request's own options win over them. */
@ConfigurationProperties(prefix = GitChatProperties.PREFIX)
public class GitChatProperties {

    public static final String PREFIX = "git.chat";

    private final Options options = new Options();

    public Options getOptions() {
        return options;
    }

    /** Defaults for every chat request; unset values come from git.generation.*, then the checkpoint. */
    public static class Options {

        /** Tokens to generate at most per reply. */
        private Integer maxTokens;

        /** Beams for beam search; 1 is greedy. */
        private Integer numBeams;

        /** Sampling temperature: above 0 samples (with top-k, top-p and seed), 0 is greedy. */
        private Double temperature;

        /** Sampling keeps the k most likely tokens (0 keeps all). */
        private Integer topK;

        /** Sampling keeps the smallest set of tokens whose probability reaches p (1 keeps all). */
        private Double topP;

        /** Sampling seed: the same seed gives the same reply. */
        private Long seed;

        public GitChatOptions toChatOptions() {
            return GitChatOptions.builder().maxTokens(maxTokens).numBeams(numBeams).temperature(temperature)
                    .topK(topK).topP(topP).seed(seed).build();
        }

        public Integer getMaxTokens() {
            return maxTokens;
        }

        public void setMaxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
        }

        public Integer getNumBeams() {
            return numBeams;
        }

        public void setNumBeams(Integer numBeams) {
            this.numBeams = numBeams;
        }

        public Double getTemperature() {
            return temperature;
        }

        public void setTemperature(Double temperature) {
            this.temperature = temperature;
        }

        public Integer getTopK() {
            return topK;
        }

        public void setTopK(Integer topK) {
            this.topK = topK;
        }

        public Double getTopP() {
            return topP;
        }

        public void setTopP(Double topP) {
            this.topP = topP;
        }

        public Long getSeed() {
            return seed;
        }

        public void setSeed(Long seed) {
            this.seed = seed;
        }
    }
}
