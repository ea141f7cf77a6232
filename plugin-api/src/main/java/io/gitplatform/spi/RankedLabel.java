package io.gitplatform.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A candidate label with its score.
 *
 * @param probability   softmax of the log-likelihoods over all candidate labels
 * @param logLikelihood the label's log-likelihood under the model (natural log)
 */
public record RankedLabel(String label, double probability, double logLikelihood) {

    /** Normalises log-likelihoods into probabilities (a softmax) and sorts best first. */
    public static List<RankedLabel> rank(List<String> labels, double[] logLikelihoods) {
        if (labels.size() != logLikelihoods.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + logLikelihoods.length + " scores");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logLikelihoods) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logLikelihoods) {
            sum += Math.exp(v - max); // shifted by the maximum so that exp never underflows to 0/0
        }
        List<RankedLabel> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            out.add(new RankedLabel(labels.get(i), Math.exp(logLikelihoods[i] - max) / sum, logLikelihoods[i]));
        }
        out.sort(Comparator.comparingDouble(RankedLabel::logLikelihood).reversed());
        return out;
    }
}
