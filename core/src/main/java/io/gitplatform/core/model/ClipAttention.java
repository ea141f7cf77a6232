package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitVisionConfig;

/** {@code encoder.layers.N.self_attn}: full (unmasked) multi-head attention over one frame's tokens. */
final class ClipAttention {
    private final QkvProjection qkv;
    private final Linear out;

    ClipAttention(Weights w, WeightPath path, GitVisionConfig c) {
        int h = c.hidden_size();
        this.qkv = new QkvProjection(w, path.child("q_proj"), path.child("k_proj"), path.child("v_proj"), h,
                c.num_attention_heads());
        this.out = new Linear(w, path.child("out_proj"), h, h);
    }

    /** x [F, N, hidden] -> [F, N, hidden]. */
    NDArray forward(NDArray x) {
        NDArray qkvh = qkv.queriesKeysValues(x); // [3, F, heads, N, d] in the product's type
        return out.forward(qkv.merge(TorchOps.attention(qkvh.get(0), qkvh.get(1), qkvh.get(2))));
    }
}
