package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gitplatform.core.config.GitConfig;

/**
 * {@code git.encoder.layer.N}: a post-LayerNorm BERT block. Image tokens attend to image tokens only; text tokens attend
 * to all image tokens and to earlier (or the same) real text tokens.
 */
final class GitLayer {
    private final QkvProjection qkv;
    private final Linear attentionDense;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final String act;

    /**
     * One layer's image tokens: keys [P, heads, d, N] (transposed once here: a decode step's q kT then reads them in
     * order, 2x faster than through a transposed view) and values [P, heads, N, d] in the attention type (owned by the
     * prefix's manager), and the layer output [P, N, hidden] that feeds the next layer (null after the last layer).
     */
    record ImageLayer(NDArray keysT, NDArray values, NDArray output) {
    }

    GitLayer(Weights w, WeightPath path, GitConfig c) {
        int h = c.hidden_size();
        WeightPath self = path.child("attention").child("self");
        this.qkv = new QkvProjection(w, self.child("query"), self.child("key"), self.child("value"), h,
                c.num_attention_heads());
        WeightPath attnOut = path.child("attention").child("output");
        this.attentionDense = new Linear(w, attnOut.child("dense"), h, h);
        this.attentionNorm = new LayerNorm(w, attnOut.child("LayerNorm"), h, c.layer_norm_eps());
        this.intermediate = new Linear(w, path.child("intermediate").child("dense"), h, c.intermediate_size());
        this.output = new Linear(w, path.child("output").child("dense"), c.intermediate_size(), h);
        this.outputNorm = new LayerNorm(w, path.child("output").child("LayerNorm"), h, c.layer_norm_eps());
        this.act = c.hidden_act();
    }

    /**
     * Image tokens x [P, N, hidden] through this layer: image tokens attend to image tokens only. Keys and values move
     * to {@code owner}; the output stays in x's manager.
     */
    ImageLayer image(NDArray x, NDManager owner) {
        NDArray parts = qkv.queriesKeysValues(x); // [3, P, heads, N, d] in the product's type
        NDArray context = TorchOps.attention(parts.get(0), parts.get(1), parts.get(2)); // [P, heads, N, d]
        return new ImageLayer(stored(parts.get(1).transpose(0, 1, 3, 2), owner), stored(parts.get(2), owner),
                feedForward(qkv.merge(context), x));
    }

    /**
     * The last layer's image tokens: their outputs would feed nothing (text reads only each layer's image keys and
     * values), so this computes keys and values alone and skips the queries, the attention and the feed-forward.
     */
    ImageLayer imageKeysValues(NDArray x, NDManager owner) {
        NDArray parts = qkv.keysValues(x); // [2, P, heads, N, d]
        return new ImageLayer(stored(parts.get(0).transpose(0, 1, 3, 2), owner), stored(parts.get(1), owner), null);
    }

    /**
     * Text tokens h [B, T, hidden] through this layer, attending to the image prefix and to the cached text plus
     * themselves, in {@link Precision#ATTENTION}. {@code textMask} [B, 1, T, S+T] (float32) is additive: 0 where
     * allowed, -inf elsewhere; null when every cached and new token may be seen.
     */
    NDArray step(NDArray h, ImagePrefix image, TextCache cache, int layer, NDArray textMask) {
        NDArray qkvh = qkv.queriesKeysValuesForSteps(h); // [3, B, heads, T, d]
        cache.append(layer, qkvh.get(1).transpose(0, 1, 3, 2), qkvh.get(2));
        NDArray q = qkvh.get(0);
        NDArray imageScores = shared(q, image.keysT[layer]); // [B, heads, T, N]
        NDArray textScores = q.matMul(cache.keysT(layer, h.getManager())); // [B, heads, T, S+T]
        if (textMask != null) {
            textScores = textScores.add(textMask);
        }
        long n = imageScores.getShape().get(3);
        NDArray probs = imageScores.concat(textScores, 3).softmax(-1); // [B, heads, T, N+S+T]
        NDArray context = shared(probs.get(":, :, :, :" + n), image.values[layer])
                .add(probs.get(":, :, :, " + n + ":").matMul(cache.values(layer, h.getManager()))); // [B, heads, T, d]
        return feedForward(qkv.merge(Precision.as(context, h.getDataType(), h)), h);
    }

    /**
     * x [B, heads, T, k] times an image tensor [P, heads, k, m]. When the B rows share one image (P = 1), the rows
     * become extra query positions: matmul would otherwise broadcast by copying the image tensor B times.
     */
    private static NDArray shared(NDArray x, NDArray image) {
        long[] s = x.getShape().getShape();
        if (s[0] == 1 || image.getShape().get(0) != 1) {
            return x.matMul(image);
        }
        NDArray folded = x.transpose(1, 0, 2, 3).reshape(1, s[1], s[0] * s[2], s[3]); // [1, heads, B*T, k]
        long m = image.getShape().get(3);
        return folded.matMul(image).reshape(s[1], s[0], s[2], m).transpose(1, 0, 2, 3); // [B, heads, T, m]
    }

    /** A contiguous copy of x in the attention type, owned by {@code owner} (image keys and values outlive the pass). */
    private static NDArray stored(NDArray x, NDManager owner) {
        NDArray copy = x.getDataType() == Precision.ATTENTION ? x.duplicate() : x.toType(Precision.ATTENTION, true);
        copy.attach(owner);
        return copy;
    }

    private NDArray feedForward(NDArray context, NDArray residual) {
        NDArray attended = attentionNorm.forward(attentionDense.forward(context).add(residual));
        // The [.., intermediate] tensors are freed before the output LayerNorm allocates.
        NDArray out = Scope.consuming(intermediate.forward(attended),
                inner -> output.forward(Activations.apply(act, inner)));
        return outputNorm.forward(out.add(attended));
    }
}
