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
        // scores and softmax in float32 (a bfloat16 model's product comes out bfloat16)
        NDArray qkvh = qkv.queriesKeysValues(x); // [3, F, heads, N, d]
        NDArray probs = qkvh.get(0).matMul(qkvh.get(1).transpose(0, 1, 3, 2)).softmax(-1); // [F, heads, N, N]
        return out.forward(qkv.merge(probs.matMul(qkvh.get(2))));
    }
}
