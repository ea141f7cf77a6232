package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gitplatform.core.config.GitConfig;
import java.util.List;

/**
 * {@code git.encoder.layer.N}: a post-LayerNorm BERT block. Image tokens attend to image tokens only; text tokens attend
 * to all image tokens and to earlier (or the same) real text tokens.
 */
final class GitLayer {
    /** query, key and value stacked: one matmul gives [..., 3 * hidden]. */
    private final Linear qkv;
    /** The key and value rows of {@link #qkv} (a view): all the last layer needs for image tokens. */
    private final Linear kv;
    private final Linear attentionDense;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final String act;
    private final int heads;
    private final int headDim;

    GitLayer(Weights w, WeightPath path, GitConfig c) {
        int h = c.hidden_size();
        WeightPath self = path.child("attention").child("self");
        // 1/sqrt(d) is folded into the query rows (exact when d is a power of 4, as 64 is).
        this.qkv = Linear.fused(w, List.of(self.child("query"), self.child("key"), self.child("value")), h, h)
                .scaleRows(h, (float) (1 / Math.sqrt(c.headDim())));
        this.kv = qkv.rows(h, 3L * h);
        WeightPath attnOut = path.child("attention").child("output");
        this.attentionDense = new Linear(w, attnOut.child("dense"), h, h);
        this.attentionNorm = new LayerNorm(w, attnOut.child("LayerNorm"), h, c.layer_norm_eps());
        this.intermediate = new Linear(w, path.child("intermediate").child("dense"), h, c.intermediate_size());
        this.output = new Linear(w, path.child("output").child("dense"), c.intermediate_size(), h);
        this.outputNorm = new LayerNorm(w, path.child("output").child("LayerNorm"), h, c.layer_norm_eps());
        this.act = c.hidden_act();
        this.heads = c.num_attention_heads();
        this.headDim = c.headDim();
    }

    /**
     * Image tokens x [P, N, hidden] through this layer. Stores their keys and values [P, heads, N, d] in
     * {@code keys[layer]} / {@code values[layer]} (owned by {@code owner}); returns the layer output, or null when
     * {@code last} (the final image hidden states feed nothing).
     */
    NDArray prefix(NDArray x, NDArray[] keys, NDArray[] values, int layer, boolean last, NDManager owner) {
        long p = x.getShape().get(0);
        long n = x.getShape().get(1);
        // [3 or 2, P, heads, N, d] in the product's type: the last layer's image outputs feed nothing, so no queries
        NDArray parts = split(last ? kv.forward(x) : qkv.forward(x), p, n, last ? 2 : 3);
        int k = last ? 0 : 1;
        keys[layer] = stored(parts.get(k));
        values[layer] = stored(parts.get(k + 1));
        keys[layer].attach(owner);
        values[layer].attach(owner);
        if (last) {
            return null;
        }
        NDArray context = TorchOps.attention(parts.get(0), parts.get(1), parts.get(2)); // [P, heads, N, d]
        return feedForward(merge(context, p, n), x);
    }

    /**
     * Text tokens h [B, T, hidden] through this layer, attending to the image prefix and to the cached text plus
     * themselves, in {@link Precision#ATTENTION}. {@code textMask} [B, 1, T, S+T] (float32) is additive: 0 where
     * allowed, -inf elsewhere; null when every cached and new token may be seen (one new token per row, no padding).
     */
    NDArray step(NDArray h, ImagePrefix image, TextCache cache, int layer, NDArray textMask) {
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        NDArray qkvh = split(Precision.as(qkv.forward(h), Precision.ATTENTION, h), b, t, 3); // [3, B, heads, T, d]
        cache.append(layer, qkvh.get(1).transpose(0, 1, 3, 2), qkvh.get(2));
        NDArray q = qkvh.get(0);
        NDArray imageScores = shared(q, image.keys[layer].transpose(0, 1, 3, 2)); // [B, heads, T, N]
        NDArray textScores = q.matMul(cache.keysT(layer, h.getManager())); // [B, heads, T, S+T]
        if (textMask != null) {
            textScores = textScores.add(textMask);
        }
        long n = imageScores.getShape().get(3);
        NDArray probs = imageScores.concat(textScores, 3).softmax(-1); // [B, heads, T, N+S+T]
        NDArray context = shared(probs.get(":, :, :, :" + n), image.values[layer])
                .add(probs.get(":, :, :, " + n + ":").matMul(cache.values(layer, h.getManager()))); // [B, heads, T, d]
        return feedForward(merge(Precision.as(context, h.getDataType(), h), b, t), h);
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

    /** A contiguous copy of x in the attention type (image keys and values outlive the pass). */
    private static NDArray stored(NDArray x) {
        return x.getDataType() == Precision.ATTENTION ? x.duplicate() : x.toType(Precision.ATTENTION, true);
    }

    private NDArray feedForward(NDArray context, NDArray residual) {
        NDArray attended = attentionNorm.forward(attentionDense.forward(context).add(residual));
        // The [.., intermediate] tensors are freed before the output LayerNorm allocates.
        NDArray out = Scope.consuming(intermediate.forward(attended),
                inner -> output.forward(Activations.apply(act, inner)));
        return outputNorm.forward(out.add(attended));
    }

    /** [B, T, parts * hidden] -> [parts, B, heads, T, d]. */
    private NDArray split(NDArray x, long b, long t, int parts) {
        return x.reshape(b, t, parts, heads, headDim).transpose(2, 0, 3, 1, 4);
    }

    /** [B, heads, T, d] -> [B, T, hidden]. */
    private NDArray merge(NDArray x, long b, long t) {
        return x.transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headDim);
    }
}
