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
    private final int heads;
    private final float eps;
    /** The weights in {@link TorchOps#clipLayer}'s order; null when the layer runs through DJL (float16). */
    private final NDArray[] oneCallWeights;
    private static final float QUICK_GELU_SCALE = 1.702f;

    ClipEncoderLayer(Weights w, WeightPath path, GitVisionConfig c) {
        this.layerNorm1 = new LayerNorm(w, path.child("layer_norm1"), c.hidden_size(), c.layer_norm_eps());
        this.selfAttn = new ClipAttention(w, path.child("self_attn"), c);
        this.layerNorm2 = new LayerNorm(w, path.child("layer_norm2"), c.hidden_size(), c.layer_norm_eps());
        Linear up = new Linear(w, path.child("mlp").child("fc1"), c.hidden_size(), c.intermediate_size());
        Linear down = new Linear(w, path.child("mlp").child("fc2"), c.intermediate_size(), c.hidden_size());
        if (c.hidden_act().equals("quick_gelu") && up.bf16) {
            // x sigmoid(1.702 x) = silu(1.702 x) / 1.702: with the two factors folded into the maps, the activation
            // is one pass over [F, N, intermediate] instead of three (bfloat16 copies are made here anyway)
            this.fc1 = up.scaledBf16(QUICK_GELU_SCALE, QUICK_GELU_SCALE);
            this.fc2 = down.scaledBf16(1 / QUICK_GELU_SCALE, 1);
            this.act = "silu";
        } else {
            this.fc1 = up;
            this.fc2 = down;
            this.act = c.hidden_act();
        }
        this.heads = c.num_attention_heads();
        this.eps = (float) c.layer_norm_eps();
        Linear qkv = selfAttn.qkv.fused();
        this.oneCallWeights = fc1.inOneCall() ? new NDArray[] {layerNorm1.weight, layerNorm1.bias, qkv.weight, qkv.bias,
            selfAttn.out.weight, selfAttn.out.bias, layerNorm2.weight, layerNorm2.bias, fc1.weight, fc1.bias,
            fc2.weight, fc2.bias} : null;
    }

    /**
     * x [F, N, hidden] -> [F, N, hidden]. A float32 or bfloat16 layer is one TorchScript call (bfloat16 over 8 frames
     * 1.2-1.4x faster: DJL's fresh intermediates cost page faults); a float16 one runs through DJL, each half freeing
     * its intermediates before the next starts.
     */
    NDArray forward(NDArray x) {
        if (oneCallWeights != null) {
            return TorchOps.clipLayer(x, oneCallWeights, eps, heads, act);
        }
        NDArray h = x.add(Scope.consuming(layerNorm1.forward(x), selfAttn::forward));
        return h.add(Scope.consuming(layerNorm2.forward(h), y -> fc2.forward(Activations.apply(act, fc1.forward(y)))));
    }
}
