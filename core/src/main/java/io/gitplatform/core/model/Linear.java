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

    /**
     * This map times {@code factor}: {@code (x W^T + b) * factor} in one matmul. The copies stay with the weights'
     * manager; the checkpoint's arrays are released.
     */
    Linear scaled(float factor) {
        if (weight == null || bias == null) {
            return this; // missing or mis-shaped: Weights.finish() names it
        }
        Linear s = new Linear(weight.mul(factor), bias.mul(factor));
        weight.close();
        bias.close();
        return s;
    }

    /** [..., in] -> [..., out]; the result belongs to x's manager. */
    NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
