package io.gitplatform.core.generate;

import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.TokenListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * transformers' beam search (the vectorised 4.5x/5.x version), in float32 like its tensors: each step keeps the best
 * {@code max(2, 1 + eos count) * numBeams} continuations; those ending (end token or length limit) among the top
 * {@code numBeams} may enter the finished set with score {@code sum logprob / generated ** length_penalty}; the best
 * unfinished ones keep running. A prompt is settled when no running beam can beat its worst finished one (the
 * heuristic of {@code early_stopping=False}; with {@code "never"} the running beam is scored at the longest length it
 * could reach) or, with {@code early_stopping=True}, when it has {@code numBeams} finished.
 */
final class BeamSearch implements Search {
    private static final float NEG = -1.0e9f;

    private final List<long[]> prompts;
    private final int beams;
    private final int keep;
    private final EndTokens eos;
    private final int maxNew;
    private final float lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final int minNew;
    private final TokenListener listener;

    private final long[][][] running; // [prompt][beam] generated tokens
    private final float[][] runningScores;
    private final long[][][] finished;
    private final float[][] finishedScores;
    private final boolean[][] isFinished;
    private final boolean[] improvable;
    private int generated;
    private int[] order;
    private boolean stop;

    BeamSearch(List<long[]> prompts, GenerationOptions o, EndTokens eos, int maxNew, TokenListener listener) {
        this.prompts = prompts;
        this.beams = o.numBeams();
        this.keep = Math.max(2, 1 + eos.count()) * beams;
        this.eos = eos;
        this.maxNew = maxNew;
        this.lengthPenalty = (float) o.lengthPenalty();
        this.earlyStopping = o.earlyStopping();
        this.minNew = o.minNewTokens();
        this.listener = listener;
        int n = prompts.size();
        running = new long[n][beams][0];
        runningScores = new float[n][beams];
        finished = new long[n][beams][0];
        finishedScores = new float[n][beams];
        isFinished = new boolean[n][beams];
        improvable = new boolean[n];
        for (int b = 0; b < n; b++) {
            // Only the first beam is live at the start: the others are copies of it.
            Arrays.fill(runningScores[b], 1, beams, NEG);
            Arrays.fill(finishedScores[b], NEG);
            improvable[b] = true;
        }
    }

    @Override
    public int[] rowPrompt() {
        int[] rows = new int[prompts.size() * beams];
        Arrays.setAll(rows, r -> r / beams);
        return rows;
    }

    @Override
    public boolean wantsLogProbs() {
        return true;
    }

    @Override
    public long[] choose(float[] logProbs, int vocab) {
        int n = prompts.size();
        long[] next = new long[n * beams];
        order = new int[n * beams];
        boolean allHit = true;
        for (int b = 0; b < n; b++) {
            allHit &= step(b, logProbs, vocab, next);
        }
        generated++;
        boolean anyImprovable = false;
        boolean allFull = true;
        for (int b = 0; b < n; b++) {
            improvable[b] &= canImprove(b);
            anyImprovable |= improvable[b];
            for (boolean f : isFinished[b]) {
                allFull &= f;
            }
        }
        stop = !anyImprovable || (allFull && earlyStopping == EarlyStopping.WHEN_FULL) || allHit;
        return next;
    }

    /** One prompt's step; returns whether every kept continuation hit a stopping criterion. */
    private boolean step(int b, float[] logProbs, int vocab, long[] next) {
        // Top `keep` of running score + log-probability over all (beam, token) pairs, best first.
        int[] top = new int[keep];
        float[] topScores = new float[keep];
        Arrays.fill(topScores, Float.NEGATIVE_INFINITY);
        Arrays.fill(top, -1);
        int filled = 0;
        for (int k = 0; k < beams; k++) {
            int row = (b * beams + k) * vocab;
            float base = runningScores[b][k];
            for (int v = 0; v < vocab; v++) {
                float lp = logProbs[row + v];
                if (generated < minNew && eos.contains(v)) {
                    lp = Float.NEGATIVE_INFINITY;
                }
                float s = lp + base;
                if (filled < keep || s > topScores[keep - 1]) {
                    int i = Math.min(filled, keep - 1);
                    while (i > 0 && topScores[i - 1] < s) {
                        topScores[i] = topScores[i - 1];
                        top[i] = top[i - 1];
                        i--;
                    }
                    topScores[i] = s;
                    top[i] = k * vocab + v;
                    filled = Math.min(filled + 1, keep);
                }
            }
        }
        int promptLen = prompts.get(b).length;
        int curLen = promptLen + generated;
        int maxLen = promptLen + maxNew;
        long[][] candidates = new long[keep][];
        boolean[] hit = new boolean[keep];
        boolean allHit = true;
        for (int i = 0; i < keep; i++) {
            int beam = top[i] / vocab;
            int token = top[i] % vocab;
            candidates[i] = Arrays.copyOf(running[b][beam], generated + 1);
            candidates[i][generated] = token;
            hit[i] = eos.contains(token) || curLen + 1 >= maxLen;
            allHit &= hit[i];
        }

        // Running beams for the next step: the best continuations that did not stop.
        float[] runScores = new float[keep];
        for (int i = 0; i < keep; i++) {
            runScores[i] = topScores[i] + (hit[i] ? NEG : 0f);
        }
        int[] runPick = best(runScores, beams);
        long[][] nextRunning = new long[beams][];
        for (int j = 0; j < beams; j++) {
            int i = runPick[j];
            nextRunning[j] = candidates[i];
            runningScores[b][j] = runScores[i];
            order[b * beams + j] = b * beams + top[i] / vocab;
            next[b * beams + j] = candidates[i][generated];
        }
        running[b] = nextRunning;

        // Finished hypotheses: merge the old ones with those of the top `beams` candidates that just stopped.
        float denom = (float) Math.pow(curLen + 1 - promptLen, lengthPenalty);
        boolean full = true;
        for (boolean f : isFinished[b]) {
            full &= f;
        }
        float[] merged = new float[beams + keep];
        long[][] mergedSeqs = new long[beams + keep][];
        boolean[] mergedDone = new boolean[beams + keep];
        for (int j = 0; j < beams; j++) {
            merged[j] = finishedScores[b][j];
            mergedSeqs[j] = finished[b][j];
            mergedDone[j] = isFinished[b][j];
        }
        for (int i = 0; i < keep; i++) {
            boolean justFinished = hit[i] && i < beams;
            float s = topScores[i] / denom;
            s += (full && earlyStopping == EarlyStopping.WHEN_FULL) ? NEG : 0f;
            s += improvable[b] ? 0f : NEG;
            s += justFinished ? 0f : NEG;
            merged[beams + i] = s;
            mergedSeqs[beams + i] = candidates[i];
            mergedDone[beams + i] = justFinished;
        }
        int[] pick = best(merged, beams);
        long[][] nextFinished = new long[beams][];
        float[] nextScores = new float[beams];
        boolean[] nextDone = new boolean[beams];
        for (int j = 0; j < beams; j++) {
            nextFinished[j] = mergedSeqs[pick[j]];
            nextScores[j] = merged[pick[j]];
            nextDone[j] = mergedDone[pick[j]];
        }
        finished[b] = nextFinished;
        finishedScores[b] = nextScores;
        isFinished[b] = nextDone;
        return allHit;
    }

    /**
     * Can the best running beam still beat the worst finished one? Scored at the current length (early_stopping
     * False and True), or at the longest reachable one ("never" with a positive length penalty, where longer is better).
     */
    private boolean canImprove(int b) {
        int length = earlyStopping == EarlyStopping.NEVER && lengthPenalty > 0 ? maxNew : generated;
        float bestPossible = runningScores[b][0] / (float) Math.pow(length, lengthPenalty);
        float worstFinished = Float.POSITIVE_INFINITY;
        for (float s : finishedScores[b]) {
            worstFinished = Math.min(worstFinished, s);
        }
        for (int j = 0; j < beams; j++) {
            if (bestPossible > (isFinished[b][j] ? worstFinished : NEG)) {
                return true;
            }
        }
        return false;
    }

    /** Indices of the {@code count} largest values, best first; ties go to the lower index. */
    private static int[] best(float[] values, int count) {
        Integer[] idx = new Integer[values.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, c) -> Float.compare(values[c], values[a]));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    @Override
    public int[] reorder() {
        return order;
    }

    @Override
    public boolean done() {
        return stop;
    }

    @Override
    public List<Generation> results(boolean cancelled) {
        List<Generation> out = new ArrayList<>();
        for (int b = 0; b < prompts.size(); b++) {
            long[] tokens;
            double score;
            if (isFinished[b][0]) {
                tokens = finished[b][0];
                score = finishedScores[b][0];
            } else {
                tokens = running[b][0];
                score = runningScores[b][0];
            }
            FinishReason reason = tokens.length > 0 && eos.contains(tokens[tokens.length - 1]) ? FinishReason.EOS
                    : cancelled ? FinishReason.CANCELLED : FinishReason.LENGTH;
            for (long t : tokens) {
                listener.onToken(b, t);
            }
            out.add(new Generation(prompts.get(b), tokens, reason, score));
        }
        return out;
    }
}
