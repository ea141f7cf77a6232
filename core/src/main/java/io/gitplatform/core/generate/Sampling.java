package io.gitplatform.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Token choice from one row of logits, with transformers' warpers in its order: temperature, top-k, top-p. */
final class Sampling {
    private Sampling() {
    }

    /** The first index of the largest value, like torch.argmax. */
    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /** log softmax(row)[token], in double. */
    static double logProb(float[] row, int token) {
        return row[token] - logSumExp(row);
    }

    /** log(sum(exp(row))), computed stably: what log-softmax subtracts from every logit. */
    static double logSumExp(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    static int sample(float[] logits, GenerationOptions o, SplittableRandom random) {
        int vocab = logits.length;
        double[] scores = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            scores[i] = logits[i] / o.temperature();
        }
        if (o.topK() > 0 && o.topK() < vocab) {
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            double kth = sorted[vocab - o.topK()];
            for (int i = 0; i < vocab; i++) {
                if (scores[i] < kth) {
                    scores[i] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        if (o.topP() < 1.0) {
            // Drop the least likely tokens whose cumulative probability stays within 1 - top_p; keep at least one.
            Integer[] order = new Integer[vocab];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
            double[] probs = softmax(scores);
            double cumulative = 0;
            for (int j = 0; j < vocab - 1; j++) {
                cumulative += probs[order[j]];
                if (cumulative <= 1 - o.topP()) {
                    scores[order[j]] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        double[] probs = softmax(scores);
        double u = random.nextDouble();
        double acc = 0;
        int last = 0;
        for (int i = 0; i < vocab; i++) {
            if (probs[i] > 0) {
                acc += probs[i];
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = scores[i] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(scores[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
