package io.gitplatform.core.generate;

import io.gitplatform.spi.TokenScore;

/** A {@link TokenScore} from one row of logits: log-softmax of the chosen token and of the best {@code top}. */
final class TokenScores {
    private TokenScores() {
    }

    static TokenScore of(float[] row, double logProb, int top) {
        double logZ = Sampling.logSumExp(row);
        int k = Math.min(top, row.length);
        // Insertion into a sorted array of k: vocabularies are ~30k, k <= 20.
        long[] ids = new long[k];
        double[] best = new double[k];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < row.length; t++) {
            double v = row[t];
            if (v <= best[k - 1]) {
                continue;
            }
            int i = k - 1;
            while (i > 0 && best[i - 1] < v) {
                best[i] = best[i - 1];
                ids[i] = ids[i - 1];
                i--;
            }
            best[i] = v;
            ids[i] = t;
        }
        for (int i = 0; i < k; i++) {
            best[i] -= logZ;
        }
        return new TokenScore(logProb, ids, best);
    }
}
