package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;

/** A {@code torch.nn.Linear}: {@code weight} [out, in] and {@code bias} [out]. */
final class Linear {
    final NDArray weight;
    final NDArray bias;

    Linear(Weights w, WeightPath path, int in, int out) {
        this.weight = w.take(path.name("weight"), out, in);
        this.bias = w.take(path.name("bias"), out);
    }

    Linear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** [..., in] -> [..., out]; the result belongs to x's manager. */
    NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
