package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitVisionConfig;

/** {@code encoder.layers.N}: a pre-LayerNorm transformer block, {@code x += attn(LN1(x)); x += mlp(LN2(x))}. */
final class ClipEncoderLayer {
    private final LayerNorm layerNorm1;
    private final ClipAttention selfAttn;
    private final LayerNorm layerNorm2;
    private final Linear fc1;
    private final Linear fc2;
    private final String act;

    ClipEncoderLayer(Weights w, WeightPath path, GitVisionConfig c) {
        this.layerNorm1 = new LayerNorm(w, path.child("layer_norm1"), c.hidden_size(), c.layer_norm_eps());
        this.selfAttn = new ClipAttention(w, path.child("self_attn"), c);
        this.layerNorm2 = new LayerNorm(w, path.child("layer_norm2"), c.hidden_size(), c.layer_norm_eps());
        this.fc1 = new Linear(w, path.child("mlp").child("fc1"), c.hidden_size(), c.intermediate_size());
        this.fc2 = new Linear(w, path.child("mlp").child("fc2"), c.intermediate_size(), c.hidden_size());
        this.act = c.hidden_act();
    }

    /** x [F, N, hidden] -> [F, N, hidden]. Each half frees its intermediates before the next starts. */
    NDArray forward(NDArray x) {
        NDArray h = x.add(Scope.consuming(layerNorm1.forward(x), selfAttn::forward));
        return h.add(Scope.consuming(layerNorm2.forward(h), y -> fc2.forward(Activations.apply(act, fc1.forward(y)))));
    }
}
