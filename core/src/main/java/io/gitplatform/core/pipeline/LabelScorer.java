package io.gitplatform.core.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gitplatform.core.model.DecodeInput;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.model.ImagePrefix;
import io.gitplatform.core.model.NativeMemory;
import io.gitplatform.core.model.TextCache;
import io.gitplatform.core.tokenizer.GitTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Classification by generation: how likely the model finds each label (a continuation) after a prompt, looking at an
 * encoded input. Scoring runs each prompt through the decoder once and copies its cache to the labels, so N labels cost
 * one prompt pass and one batched pass over the labels.
 */
final class LabelScorer {
    private final GitModel model;
    private final GitTokenizer tokenizer;
    private final Function<String, long[]> promptIds;

    /** @param promptIds a prompt's token ids as generation sees them ({@code [CLS]} + text, no {@code [SEP]}) */
    LabelScorer(GitModel model, GitTokenizer tokenizer, Function<String, long[]> promptIds) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.promptIds = promptIds;
    }


    /**
     * The log-likelihood of each continuation after {@code prompt} about input {@code image} of an encoding, summed
     * over its tokens and the closing {@code [SEP]}. All continuations are scored in one batched pass.
     */
    double[] scoreContinuations(EncodedInput input, int image, String prompt, List<String> continuations) {
        if (continuations.isEmpty()) {
            throw new IllegalArgumentException("no labels to score");
        }
        List<long[]> bodies = new ArrayList<>();
        for (String c : continuations) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("a label must not be empty");
            }
            long[] body = tokenizer.encode(c, false);
            long[] withSep = Arrays.copyOf(body, body.length + 1);
            withSep[body.length] = tokenizer.sepTokenId();
            bodies.add(withSep);
        }
        return scoreTokens(input, image, List.of(promptIds.apply(prompt)), bodies)[0];
    }


    /**
     * The log-likelihood of every continuation after every prompt (token ids; prompts start with {@code [CLS]}) about
     * input {@code image} of an encoding: entry [p][c] sums the log-probabilities of continuation c's tokens after
     * prompt p. Each prompt goes through the decoder once; its cache is then copied to its continuations, and all of
     * them are scored in one batched pass against the shared image prefix.
     */
    double[][] scoreTokens(EncodedInput input, int image, List<long[]> prompts, List<long[]> continuations) {
        if (image < 0 || image >= input.prefix().images()) {
            throw new IllegalArgumentException("input " + image + " of an encoding of " + input.prefix().images());
        }
        if (prompts.isEmpty() || continuations.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: " + prompts.size() + " prompts, "
                    + continuations.size() + " continuations");
        }
        int promptWidth = 0;
        for (long[] head : prompts) {
            if (head.length == 0) {
                throw new IllegalArgumentException("a prompt needs at least [CLS]");
            }
            promptWidth = Math.max(promptWidth, head.length);
        }
        int bodyWidth = 0;
        for (long[] body : continuations) {
            if (body.length == 0) {
                throw new IllegalArgumentException("a continuation must not be empty");
            }
            bodyWidth = Math.max(bodyWidth, body.length);
        }
        if (promptWidth + bodyWidth > model.config().max_position_embeddings()) {
            throw new IllegalArgumentException("prompt and label need " + (promptWidth + bodyWidth)
                    + " tokens; the model has " + model.config().max_position_embeddings() + " text positions");
        }
        int np = prompts.size();
        int nc = continuations.size();
        int vocab = model.config().vocab_size();
        double[][] scores = new double[np][nc];
        try (NDManager m = model.manager().newSubManager()) {
            ImagePrefix prefix = input.prefix().forRowsOf(new int[] {image}, m);
            TextCache cache = model.newCache(m, np);
            // Prompts, left-padded: the last position of every row predicts its continuations' first tokens.
            DecodeInput heads = DecodeInput.leftPadded(prompts, promptWidth, tokenizer.padTokenId());
            float[] first = model.decode(m, prefix, cache, heads).logSoftmax(-1).toFloatArray(); // [np * vocab]
            for (int p = 0; p < np; p++) {
                for (int c = 0; c < nc; c++) {
                    scores[p][c] = first[p * vocab + (int) continuations.get(c)[0]];
                }
            }
            if (bodyWidth == 1) {
                return scores;
            }
            // Row p * nc + c feeds continuation c (all but its last token) after prompt p; right padding is never seen.
            int[] rowPrompt = new int[np * nc];
            Arrays.setAll(rowPrompt, r -> r / nc);
            cache.reorderRows(rowPrompt);
            int width = bodyWidth - 1;
            int n = np * nc;
            long[] ids = new long[n * width];
            long[] pos = new long[n * width];
            long[] targets = new long[n * width];
            boolean[][] valid = new boolean[n][width];
            for (int r = 0; r < n; r++) {
                long[] body = continuations.get(r % nc);
                for (int t = 0; t < width; t++) {
                    boolean real = t + 1 < body.length;
                    ids[r * width + t] = real ? body[t] : tokenizer.padTokenId();
                    pos[r * width + t] = real ? prompts.get(r / nc).length + t : 0;
                    targets[r * width + t] = real ? body[t + 1] : 0;
                    valid[r][t] = real;
                }
            }
            DecodeInput bodies = new DecodeInput(ids, pos, valid, true);
            NDArray logits = model.decode(m, prefix, cache, bodies); // [n, width, vocab]
            float[] rest = logits.logSoftmax(-1).gather(m.create(targets).reshape(n, width, 1), 2)
                    .toFloatArray(); // [n, width]
            for (int r = 0; r < n; r++) {
                for (int t = 0; t < width; t++) {
                    if (valid[r][t]) {
                        scores[r / nc][r % nc] += rest[r * width + t];
                    }
                }
            }
        } finally {
            NativeMemory.release();
        }
        return scores;
    }
}
