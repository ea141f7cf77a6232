package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitConfig;

/** {@code git.visual_projection.visual_projection}: {@code 0} a Linear to the text width, {@code 1} a LayerNorm. */
final class VisualProjection {
    private final Linear linear;
    private final LayerNorm norm;

    VisualProjection(Weights w, WeightPath path, GitConfig c) {
        WeightPath seq = path.child("visual_projection");
        this.linear = new Linear(w, seq.child("0"), c.vision_config().hidden_size(), c.hidden_size());
        // transformers builds this LayerNorm with the vision eps, not the text one.
        this.norm = new LayerNorm(w, seq.child("1"), c.hidden_size(), c.vision_config().layer_norm_eps());
    }

    /** [P, N, vision hidden] -> [P, N, hidden]. */
    NDArray forward(NDArray x) {
        return norm.forward(linear.forward(x));
    }
}
