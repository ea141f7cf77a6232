package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitVisionConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code git.image_encoder.vision_model}: CLIP's ViT. Embeddings, {@code pre_layrnorm} (sic, the checkpoint's
 * spelling), the encoder layers, then {@code post_layernorm} on every token (GIT keeps all tokens, not just the class
 * token).
 */
final class VisionTransformer {
    private final VisionEmbeddings embeddings;
    private final LayerNorm preLayrnorm;
    private final List<ClipEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm postLayernorm;

    VisionTransformer(Weights w, WeightPath path, GitVisionConfig c) {
        this.embeddings = new VisionEmbeddings(w, path.child("embeddings"), c);
        this.preLayrnorm = new LayerNorm(w, path.child("pre_layrnorm"), c.hidden_size(), c.layer_norm_eps());
        for (int i = 0; i < c.num_hidden_layers(); i++) {
            layers.add(new ClipEncoderLayer(w, path.child("encoder").child("layers", i), c));
        }
        this.postLayernorm = new LayerNorm(w, path.child("post_layernorm"), c.hidden_size(), c.layer_norm_eps());
    }

    /** pixels [F, C, H, W] -> last hidden state [F, tokensPerFrame, vision hidden]. */
    NDArray forward(NDArray pixels) {
        NDArray x = preLayrnorm.forward(embeddings.forward(pixels));
        for (ClipEncoderLayer layer : layers) {
            x = Scope.consuming(x, layer::forward);
        }
        return postLayernorm.forward(x);
    }
}
