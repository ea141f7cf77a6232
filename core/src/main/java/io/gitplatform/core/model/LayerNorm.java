package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** A {@code torch.nn.LayerNorm} over the last axis: {@code weight} and {@code bias} [hidden]. */
final class LayerNorm {
    final NDArray weight;
    final NDArray bias;
    private final Shape normalized;
    private final float eps;

    LayerNorm(Weights w, WeightPath path, int hidden, double eps) {
        this.weight = w.takeFloat32(path.name("weight"), hidden);
        this.bias = w.takeFloat32(path.name("bias"), hidden);
        this.normalized = new Shape(hidden);
        this.eps = (float) eps;
    }

    /** x in its own type, or float32 when x is bfloat16 (a bfloat16 model normalises in float32). */
    NDArray forward(NDArray x) {
        NDArray in = Bf16.holds(x) ? x.toType(DataType.FLOAT32, false) : x;
        DataType type = in.getDataType();
        return ai.djl.nn.norm.LayerNorm.layerNorm(in, normalized, Precision.as(weight, type, in),
                Precision.as(bias, type, in), eps).singletonOrThrow();
    }
}
