package io.gitplatform.starter.task;

import java.time.Duration;
import java.util.List;

/**
 * Labels ranked by how likely the model finds each as the text after the prompt.
 *
 * @param labels  best first
 * @param prompt  the text the labels continue ("" for none)
 * @param model   the model's name
 * @param elapsed decode, encode and scoring together
 */
public record GitClassification(List<Score> labels, String prompt, String model, Duration elapsed) {

    /**
     * @param label         the label as given
     * @param logLikelihood the sum of its tokens' log-probabilities (and the end token's) after the prompt
     * @param probability   softmax of the log-likelihoods over the given labels
     */
    public record Score(String label, double logLikelihood, double probability) {
    }

    public GitClassification {
        labels = List.copyOf(labels);
    }

    /** The most likely label. */
    public Score best() {
        return labels.get(0);
    }
}
