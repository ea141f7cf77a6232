package io.gitplatform.core.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gitplatform.core.model.DecodeInput;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.model.ImagePrefix;
import io.gitplatform.core.model.NativeMemory;
import io.gitplatform.core.model.TextCache;
import io.gitplatform.spi.TokenListener;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The generation loop: one prefill of the (left-padded) prompts against a shared image prefix, then one decoder step
 * per token, for greedy decoding, sampling and beam search alike. Every row gives what it would give alone: its text
 * positions start at 0 at its first real token, and padding is never attended to.
 */
public final class Generator {
    private final GitModel model;
    private final EndTokens eos;
    private final long pad;

    public Generator(GitModel model, List<Integer> eosTokenIds, int padTokenId) {
        this.model = model;
        this.eos = EndTokens.of(eosTokenIds);
        this.pad = padTokenId;
    }

    /** Generates for every prompt against one shared image or video. */
    public List<Generation> generate(ImagePrefix image, List<long[]> prompts, GenerationOptions options,
            TokenListener listener, BooleanSupplier cancelled) {
        return generate(image, new int[prompts.size()], prompts, options, listener, cancelled);
    }

    /**
     * Generates for every prompt; prompt i looks at image {@code promptImage[i]} of the prefix.
     *
     * @param cancelled polled before each step; a cancelled request returns what it has, marked CANCELLED
     */
    public List<Generation> generate(ImagePrefix image, int[] promptImage, List<long[]> prompts,
            GenerationOptions options, TokenListener listener, BooleanSupplier cancelled) {
        int maxNew = checkedBudget(image, promptImage, prompts, options);
        Search search = options.numBeams() > 1
                ? new BeamSearch(prompts, options, eos, maxNew, listener)
                : new TokenSearch(prompts, options, eos, pad, maxNew, listener);
        int[] rowPrompt = search.rowPrompt();
        int rows = rowPrompt.length;
        int[] rowImage = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowImage[r] = promptImage[rowPrompt[r]];
        }
        int vocab = model.config().vocab_size();
        try (NDManager generation = model.manager().newSubManager()) {
            TextCache cache = model.newCache(generation, prompts.size());
            float[] scores = prefill(generation, image, promptImage, cache, prompts, search.wantsLogProbs());
            if (rows != prompts.size()) {
                // Beam search: every beam of a prompt starts from the prompt's one prefill.
                cache.reorderRows(rowPrompt);
                scores = expandRows(scores, rowPrompt, vocab);
            }
            ImagePrefix prefix = image.forRowsOf(rowImage, generation);
            long[] nextPosition = new long[rows];
            for (int r = 0; r < rows; r++) {
                nextPosition[r] = prompts.get(rowPrompt[r]).length;
            }
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return search.results(true);
                }
                long[] next = search.choose(scores, vocab);
                int[] order = search.reorder();
                if (order != null) {
                    cache.reorderRows(order);
                }
                if (search.done()) {
                    return search.results(false);
                }
                long[] pos = new long[rows];
                for (int r = 0; r < rows; r++) {
                    pos[r] = nextPosition[r]++;
                }
                scores = step(generation, prefix, cache, DecodeInput.nextTokens(next, pos), search.wantsLogProbs());
            }
        } finally {
            NativeMemory.release();
        }
    }

    /** Feeds every prompt, left-padded to the longest one; returns the scores [prompts * vocab] of its next token. */
    private float[] prefill(NDManager generation, ImagePrefix image, int[] promptImage, TextCache cache,
            List<long[]> prompts, boolean logProbs) {
        int width = 0;
        for (long[] p : prompts) {
            width = Math.max(width, p.length);
        }
        try (NDManager scope = generation.newSubManager()) {
            return step(scope, image.forRowsOf(promptImage, scope), cache, DecodeInput.leftPadded(prompts, width, pad),
                    logProbs);
        }
    }

    /** Row r of the result is row {@code rowSource[r]} of {@code scores} [* vocab]. */
    private static float[] expandRows(float[] scores, int[] rowSource, int vocab) {
        float[] out = new float[rowSource.length * vocab];
        for (int r = 0; r < rowSource.length; r++) {
            System.arraycopy(scores, rowSource[r] * vocab, out, r * vocab, vocab);
        }
        return out;
    }

    /** Logits (or log-probabilities) [rows * vocab] of the next token after feeding {@code input}. */
    private float[] step(NDManager generation, ImagePrefix prefix, TextCache cache, DecodeInput input,
            boolean logProbs) {
        try (NDManager step = generation.newSubManager()) {
            NDArray logits = model.decode(step, prefix, cache, input); // [rows, vocab]
            return (logProbs ? logits.logSoftmax(-1) : logits).toFloatArray();
        }
    }

    /** Receives the next-token logits [vocab] after each token of a forced sequence. */
    @FunctionalInterface
    public interface StepLogits {
        void after(int step, float[] logits);
    }

    /**
     * Feeds {@code tokens} to one row a token per step through the KV cache, as generation does, instead of choosing
     * them: each step's logits go to {@code each} (parity checks them against transformers, the bench times the steps).
     */
    public void force(ImagePrefix image, long[] tokens, StepLogits each) {
        if (image.images() != 1) {
            throw new IllegalArgumentException("a forced sequence reads one image, got " + image.images());
        }
        try (NDManager generation = model.manager().newSubManager()) {
            TextCache cache = model.newCache(generation, 1);
            for (int s = 0; s < tokens.length; s++) {
                each.after(s, step(generation, image, cache,
                        DecodeInput.nextTokens(new long[] {tokens[s]}, new long[] {s}), false));
            }
        } finally {
            NativeMemory.release();
        }
    }

    /** Validates the request and returns the token budget the position table leaves. */
    private int checkedBudget(ImagePrefix image, int[] promptImage, List<long[]> prompts, GenerationOptions o) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts");
        }
        if (promptImage.length != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + promptImage.length + " image indices");
        }
        int vocab = model.config().vocab_size();
        int longest = 0;
        for (int i = 0; i < prompts.size(); i++) {
            long[] p = prompts.get(i);
            if (p.length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty: it needs at least the start token");
            }
            if (promptImage[i] < 0 || promptImage[i] >= image.images()) {
                throw new IllegalArgumentException("prompt " + i + " refers to image " + promptImage[i] + " of "
                        + image.images());
            }
            for (long id : p) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("prompt " + i + " has token id " + id + " outside the vocabulary of "
                            + vocab);
                }
            }
            longest = Math.max(longest, p.length);
        }
        int positions = model.config().max_position_embeddings();
        if (longest >= positions) {
            throw new IllegalArgumentException("a prompt of " + longest + " tokens leaves no room to generate: the model"
                    + " has " + positions + " text positions");
        }
        return Math.min(o.maxNewTokens(), positions - longest);
    }
}
