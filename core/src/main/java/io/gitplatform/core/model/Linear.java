package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

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

    /**
     * One map computing all of {@code parts} side by side: their weights stacked row-wise, so a single matmul gives
     * [..., sum of outs]. The parts' arrays are released.
     */
    static Linear stacked(Linear... parts) {
        NDList weights = new NDList();
        NDList biases = new NDList();
        for (Linear p : parts) {
            if (p.weight == null || p.bias == null) {
                return new Linear(null, null); // missing or mis-shaped: Weights.finish() names it
            }
            weights.add(p.weight);
            biases.add(p.bias);
        }
        Linear s = new Linear(NDArrays.concat(weights, 0), NDArrays.concat(biases, 0));
        weights.close();
        biases.close();
        return s;
    }

    /** Output features {@code [from, to)} of this map: views of its arrays, no copy. */
    Linear rows(long from, long to) {
        return weight == null ? this : new Linear(weight.get(from + ":" + to), bias.get(from + ":" + to));
    }

    /** [..., in] -> [..., out] in x's type (weights widened for this call if stored narrower); x's manager owns it. */
    NDArray forward(NDArray x) {
        DataType type = x.getDataType();
        return ai.djl.nn.core.Linear.linear(x, Precision.as(weight, type, x), Precision.as(bias, type, x))
                .singletonOrThrow();
    }
}
