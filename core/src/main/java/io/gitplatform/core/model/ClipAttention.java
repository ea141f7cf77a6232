package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitVisionConfig;

/** {@code encoder.layers.N.self_attn}: full (unmasked) multi-head attention over one frame's tokens. */
final class ClipAttention {
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear out;
    private final int heads;
    private final int headDim;

    ClipAttention(Weights w, WeightPath path, GitVisionConfig c) {
        int h = c.hidden_size();
        // The softmax scale d^-0.5 is folded into the query weights (exact when d is a power of 4, as 64 is).
        this.q = new Linear(w, path.child("q_proj"), h, h).scaled((float) Math.pow(c.headDim(), -0.5));
        this.k = new Linear(w, path.child("k_proj"), h, h);
        this.v = new Linear(w, path.child("v_proj"), h, h);
        this.out = new Linear(w, path.child("out_proj"), h, h);
        this.heads = c.num_attention_heads();
        this.headDim = c.headDim();
    }

    /** x [F, N, hidden] -> [F, N, hidden]. */
    NDArray forward(NDArray x) {
        long f = x.getShape().get(0);
        long n = x.getShape().get(1);
        NDArray qh = split(q.forward(x), f, n); // [F, heads, N, d]
        NDArray kh = split(k.forward(x), f, n);
        NDArray vh = split(v.forward(x), f, n);
        NDArray probs = qh.matMul(kh.transpose(0, 1, 3, 2)).softmax(-1); // [F, heads, N, N]
        NDArray context = probs.matMul(vh).transpose(0, 2, 1, 3).reshape(f, n, (long) heads * headDim);
        return out.forward(context);
    }

    private NDArray split(NDArray x, long f, long n) {
        return x.reshape(f, n, heads, headDim).transpose(0, 2, 1, 3);
    }
}
