package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitVisionConfig;
import java.util.List;

/** {@code encoder.layers.N.self_attn}: full (unmasked) multi-head attention over one frame's tokens. */
final class ClipAttention {
    /** q_proj, k_proj and v_proj stacked: one matmul gives [..., 3 * hidden]. */
    private final Linear qkv;
    private final Linear out;
    private final int heads;
    private final int headDim;

    ClipAttention(Weights w, WeightPath path, GitVisionConfig c) {
        int h = c.hidden_size();
        // The softmax scale d^-0.5 is folded into the query rows (exact when d is a power of 4, as 64 is).
        this.qkv = Linear.fused(w, List.of(path.child("q_proj"), path.child("k_proj"), path.child("v_proj")), h, h)
                .scaleRows(h, (float) Math.pow(c.headDim(), -0.5));
        this.out = new Linear(w, path.child("out_proj"), h, h);
        this.heads = c.num_attention_heads();
        this.headDim = c.headDim();
    }

    /** x [F, N, hidden] -> [F, N, hidden]. */
    NDArray forward(NDArray x) {
        long f = x.getShape().get(0);
        long n = x.getShape().get(1);
        NDArray qkvh = qkv.forward(x).reshape(f, n, 3, heads, headDim).transpose(2, 0, 3, 1, 4); // [3, F, heads, N, d]
        NDArray context = TorchOps.attention(qkvh.get(0), qkvh.get(1), qkvh.get(2)) // [F, heads, N, d]
                .transpose(0, 2, 1, 3).reshape(f, n, (long) heads * headDim);
        return out.forward(context);
    }
}
