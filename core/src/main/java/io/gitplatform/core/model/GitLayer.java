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
    private final int heads;
    private final float eps;
    /** The weights {@link TorchOps#decoderStep} takes, in its order. */
    private final NDArray[] stepWeights;

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
        this.heads = c.num_attention_heads();
        this.eps = (float) c.layer_norm_eps();
        Linear fused = qkv.fused();
        this.stepWeights = new NDArray[] {fused.weight, fused.bias, attentionDense.weight, attentionDense.bias,
                attentionNorm.weight, attentionNorm.bias, intermediate.weight, intermediate.bias, output.weight,
                output.bias, outputNorm.weight, outputNorm.bias};
    }

    /**
     * Image tokens x [P, N, hidden] through this layer: image tokens attend to image tokens only. Keys and values move
     * to {@code owner}; the output stays in x's manager.
     */
    ImageLayer image(NDArray x, NDManager owner) {
        if (intermediate.inOneCall()) {
            return imageInOneCall(x, owner, false);
        }
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
        if (intermediate.inOneCall()) {
            return imageInOneCall(x, owner, true);
        }
        NDArray parts = qkv.keysValues(x); // [2, P, heads, N, d]
        return new ImageLayer(stored(parts.get(0).transpose(0, 1, 3, 2), owner), stored(parts.get(1), owner), null);
    }

    /**
     * A float32 or bfloat16 layer's image pass as one TorchScript call ({@link TorchOps#imageLayer}): through DJL its
     * fresh [P, N, intermediate] intermediates cost page faults on every pass.
     */
    private ImageLayer imageInOneCall(NDArray x, NDManager owner, boolean last) {
        NDArray[] out = TorchOps.imageLayer(x, stepWeights, eps, heads, act, last);
        out[0].attach(owner);
        out[1].attach(owner);
        return new ImageLayer(out[0], out[1], last ? null : out[2]);
    }

    /**
     * Text tokens h [B, T, hidden] through this layer, attending to the image prefix and to the cached text plus
     * themselves, in {@link Precision#ATTENTION}; their keys and values are written to {@code cache}. {@code textMask}
     * [B, 1, T, S+T] (float32) is additive: 0 where allowed, -inf elsewhere; null when every cached and new token may
     * be seen. The whole step is one call into {@link TorchOps#decoderStep}: a decode step's arithmetic is small, and
     * through DJL its ~50 calls a layer cost as much as its products.
     */
    NDArray step(NDArray h, ImagePrefix image, TextCache cache, int layer, NDArray textMask) {
        int t = (int) h.getShape().get(1);
        TextCache.Slot slot = cache.reserve(layer, t, heads, h.getShape().get(2) / heads);
        NDArray next = TorchOps.decoderStep(h, stepWeights, eps, heads, act, image.keysT[layer], image.values[layer],
                slot, textMask);
        cache.written(layer, t);
        return next;
    }

    /**
     * A contiguous float32 ({@link Precision#ATTENTION}) copy of x, owned by {@code owner} (image keys and values outlive
     * the pass). Contiguous, not a copy with x's strides: every decode step multiplies by these, and matmul would copy a
     * strided batch of images again on each step.
     */
    private static NDArray stored(NDArray x, NDManager owner) {
        NDArray copy = TorchOps.contiguousFloat32(x);
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
