package io.gitplatform.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.TokenListener;
import io.gitplatform.spi.TokenScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token-level behaviour of the greedy/sampling loop on hand-made logits: the scores a listener gets (OpenAI's
 * logprobs and top_logprobs), and the frequency and presence penalties exactly as OpenAI defines them:
 * {@code mu[j] - c[j] * frequency - (c[j] > 0) * presence}.
 */
class TokenScoresTests {
    private static final int VOCAB = 6;
    private static final int EOS = 5;
    /** The same logits every step: token 1 is best, then 2 (0.3 lower), then 3 (0.7 lower). */
    private static final float[] LOGITS = {-1f, 2f, 1.7f, 1.3f, 0f, -5f};

    private record Seen(List<Long> tokens, List<TokenScore> scores) implements TokenListener {
        Seen() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public boolean wantsScores() {
            return true;
        }

        @Override
        public void onToken(int row, long token) {
            throw new AssertionError("a listener that wants scores gets onScoredToken");
        }

        @Override
        public void onScoredToken(int row, long token, TokenScore score) {
            tokens.add(token);
            scores.add(score);
        }
    }

    private static Seen run(GenerationOptions options, int steps) {
        Seen seen = new Seen();
        TokenSearch search = new TokenSearch(List.of(new long[] {101}), options, EndTokens.of(List.of(EOS)), 0, steps,
                seen);
        for (int i = 0; i < steps && !search.done(); i++) {
            search.choose(LOGITS.clone(), VOCAB);
        }
        return seen;
    }

    private static double logSoftmax(float[] row, int token) {
        double z = 0;
        for (float v : row) {
            z += Math.exp(v);
        }
        return row[token] - Math.log(z);
    }

    private static GenerationOptions greedy(double frequency, double presence) {
        return new GenerationOptions(4, 0, 1, 1.0, EarlyStopping.HEURISTIC, false, 1.0, 50, 1.0, 0, frequency, presence);
    }

    @Test
    void withoutPenaltiesGreedyRepeatsTheBestTokenAndReportsItsLogSoftmax() {
        Seen seen = run(greedy(0, 0), 3);
        assertThat(seen.tokens()).containsExactly(1L, 1L, 1L);
        TokenScore first = seen.scores().get(0);
        assertThat(first.logprob()).isCloseTo(logSoftmax(LOGITS, 1), within(1e-6));
        assertThat(first.topIds()).startsWith(1L, 2L, 3L, 4L, 0L, 5L);
        assertThat(first.topLogprobs()[1]).isCloseTo(logSoftmax(LOGITS, 2), within(1e-6));
        double total = 0;
        for (double p : first.topLogprobs()) {
            total += Math.exp(p);
        }
        assertThat(total).as("the whole vocabulary's probabilities").isCloseTo(1.0, within(1e-6));
    }

    @Test
    void frequencyPenaltyGrowsWithEveryRepeat() {
        // 0.2 per occurrence: token 1 (2.0) stays ahead of token 2 (1.7) after one use (1.8), not after two (1.6);
        // then token 2 (1.7) leads once over token 1 (1.6) ... and after its own use (1.5) token 1 (1.6) is back.
        Seen seen = run(greedy(0.2, 0), 4);
        assertThat(seen.tokens()).containsExactly(1L, 1L, 2L, 1L);
        float[] third = LOGITS.clone();
        third[1] -= 0.4f;
        assertThat(seen.scores().get(2).logprob()).isCloseTo(logSoftmax(third, 2), within(1e-6));
    }

    @Test
    void presencePenaltyCountsATokenOnce() {
        // 0.5 once used: token 1 (2.0 -> 1.5) yields to 2 (1.7); then 2 is down to 1.2 and 1 leads again, and stays
        // at 1.5 however often it repeats (a frequency penalty would keep lowering it)
        Seen seen = run(greedy(0, 0.5), 4);
        assertThat(seen.tokens()).containsExactly(1L, 2L, 1L, 1L);
    }

    @Test
    void negativePenaltiesEncourageRepeats() {
        Seen seen = run(greedy(-2, -2), 3);
        assertThat(seen.tokens()).containsExactly(1L, 1L, 1L);
        float[] second = LOGITS.clone();
        second[1] += 4f;
        assertThat(seen.scores().get(1).logprob()).isCloseTo(logSoftmax(second, 1), within(1e-6));
    }

    @Test
    void penaltiesOutsideOpenAisRangeOrWithBeamsAreRefused() {
        assertThatThrownBy(() -> greedy(2.5, 0)).hasMessageContaining("between -2 and 2");
        assertThatThrownBy(() -> new GenerationOptions(4, 0, 3, 1.0, EarlyStopping.HEURISTIC, false, 1.0, 50, 1.0, 0, 0.5, 0))
                .hasMessageContaining("numBeams 1");
    }

    @Test
    void penaltiesComeThroughRequestOverrides() {
        GenerationOptions o = GenerationOptions.greedy(5).with(
                io.gitplatform.spi.GenerationSettings.greedy(5).withPenalties(0.5, -1.0));
        assertThat(o.frequencyPenalty()).isEqualTo(0.5);
        assertThat(o.presencePenalty()).isEqualTo(-1.0);
        assertThat(GenerationOptions.greedy(5).frequencyPenalty()).isZero();
    }
}
