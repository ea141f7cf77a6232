package io.gitplatform.core.generate;

import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.TokenListener;
import io.gitplatform.spi.TokenScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Greedy decoding and seeded sampling, one row per prompt. Finished rows are fed the pad token, as transformers does,
 * and their cache positions are never attended to by the others.
 */
final class TokenSearch implements Search {
    private final List<long[]> prompts;
    private final GenerationOptions options;
    private final EndTokens eos;
    private final long pad;
    private final int maxNew;
    private final TokenListener listener;
    private final SplittableRandom random;
    private final long[][] tokens;
    private final int[] counts;
    private final double[] scores;
    private final FinishReason[] finish;

    TokenSearch(List<long[]> prompts, GenerationOptions options, EndTokens eos, long pad, int maxNew,
            TokenListener listener) {
        this.prompts = prompts;
        this.options = options;
        this.eos = eos;
        this.pad = pad;
        this.maxNew = maxNew;
        this.listener = listener;
        this.random = new SplittableRandom(options.seed());
        int n = prompts.size();
        this.tokens = new long[n][maxNew];
        this.counts = new int[n];
        this.scores = new double[n];
        this.finish = new FinishReason[n];
    }

    @Override
    public int[] rowPrompt() {
        int[] rows = new int[prompts.size()];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Override
    public boolean wantsLogProbs() {
        return false;
    }

    @Override
    public long[] choose(float[] logits, int vocab) {
        long[] next = new long[prompts.size()];
        for (int r = 0; r < next.length; r++) {
            if (finish[r] != null) {
                next[r] = pad;
                continue;
            }
            float[] row = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
            penalise(row, r);
            if (counts[r] < options.minNewTokens()) {
                eos.forbid(row, 0);
            }
            int token = options.doSample() ? Sampling.sample(row, options, random) : Sampling.argmax(row);
            double logProb = Sampling.logProb(row, token);
            scores[r] += logProb;
            tokens[r][counts[r]++] = token;
            next[r] = token;
            if (listener.wantsScores()) {
                listener.onScoredToken(r, token, TokenScores.of(row, logProb, TokenScore.TOP));
            } else {
                listener.onToken(r, token);
            }
            if (eos.contains(token)) {
                finish[r] = FinishReason.EOS;
            } else if (counts[r] == maxNew) {
                finish[r] = FinishReason.LENGTH;
            }
        }
        return next;
    }

    /**
     * OpenAI's frequency and presence penalties on the logits: {@code mu[j] -= c[j] * frequency + (c[j] > 0) *
     * presence}, c[j] being how often row r has generated token j so far (the prompt does not count).
     */
    private void penalise(float[] row, int r) {
        double frequency = options.frequencyPenalty();
        double presence = options.presencePenalty();
        if ((frequency == 0 && presence == 0) || counts[r] == 0) {
            return;
        }
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < counts[r]; i++) {
            seen.merge(tokens[r][i], 1, Integer::sum);
        }
        seen.forEach((token, count) -> row[token.intValue()] -= (float) (count * frequency + presence));
    }

    @Override
    public int[] reorder() {
        return null;
    }

    @Override
    public boolean done() {
        for (FinishReason f : finish) {
            if (f == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Generation> results(boolean cancelled) {
        List<Generation> out = new ArrayList<>();
        for (int r = 0; r < prompts.size(); r++) {
            FinishReason f = finish[r] != null ? finish[r] : cancelled ? FinishReason.CANCELLED : FinishReason.LENGTH;
            out.add(new Generation(prompts.get(r), Arrays.copyOf(tokens[r], counts[r]), f, scores[r]));
        }
        return out;
    }
}
