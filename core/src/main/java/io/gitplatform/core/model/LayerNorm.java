package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A {@code torch.nn.LayerNorm} over the last axis: {@code weight} and {@code bias} [hidden]. */
final class LayerNorm {
    private final NDArray weight;
    private final NDArray bias;
    private final Shape normalized;
    private final float eps;

    LayerNorm(Weights w, WeightPath path, int hidden, double eps) {
        this.weight = w.take(path.name("weight"), hidden);
        this.bias = w.take(path.name("bias"), hidden);
        this.normalized = new Shape(hidden);
        this.eps = (float) eps;
    }

    NDArray forward(NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalized, Precision.as(weight, x.getDataType(), x),
                Precision.as(bias, x.getDataType(), x), eps).singletonOrThrow();
    }
}
