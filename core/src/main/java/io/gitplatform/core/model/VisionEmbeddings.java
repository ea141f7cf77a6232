package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.gitplatform.core.config.GitVisionConfig;

/**
 * {@code vision_model.embeddings}: non-overlapping patches through a bias-free convolution, a class token in front, and
 * learned position embeddings.
 */
final class VisionEmbeddings {
    private final GitVisionConfig config;
    private final NDArray classEmbedding;
    /** The conv kernel [hidden, channels, patch, patch] flattened to a linear map [hidden, channels*patch*patch]. */
    private final NDArray patchWeight;
    private final NDArray positionEmbedding;

    VisionEmbeddings(Weights w, WeightPath path, GitVisionConfig c) {
        this.config = c;
        int hidden = c.hidden_size();
        int p = c.patch_size();
        this.classEmbedding = w.takeFloat32(path.name("class_embedding"), hidden);
        NDArray conv = w.take(path.child("patch_embedding").name("weight"), hidden, c.num_channels(), p, p);
        this.patchWeight = conv == null ? null : conv.reshape(hidden, (long) c.num_channels() * p * p);
        this.positionEmbedding = w.takeFloat32(path.child("position_embedding").name("weight"), c.tokensPerFrame(), hidden);
    }

    /** pixels [F, C, H, W] -> tokens [F, 1 + g*g, hidden]. */
    NDArray forward(NDArray pixels) {
        long f = pixels.getShape().get(0);
        int ch = config.num_channels();
        int p = config.patch_size();
        int g = config.gridSize();
        // [F, C, g, p, g, p] -> [F, g, g, C, p, p]: each patch row-major, as the conv walks them
        NDArray patches = pixels.reshape(f, ch, g, p, g, p).transpose(0, 2, 4, 1, 3, 5).reshape(f, (long) g * g, (long) ch * p * p);
        NDArray embedded = ai.djl.nn.core.Linear.linear(patches, Precision.as(patchWeight, pixels.getDataType(), pixels))
                .singletonOrThrow(); // [F, g*g, hidden]
        NDArray cls = classEmbedding.reshape(1, 1, config.hidden_size()).repeat(0, f); // [F, 1, hidden]
        cls.attach(embedded.getManager());
        return Precision.as(cls, embedded.getDataType(), embedded).concat(embedded, 1)
                .add(Precision.as(positionEmbedding, embedded.getDataType(), embedded)); // [F, 1 + g*g, hidden]
    }
}
