package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.List;

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
     * One map computing the Linears at {@code parts} side by side: their weights stacked row-wise, so a single matmul
     * gives [..., parts * out]. The stacked arrays are this map's own copies.
     */
    static Linear fused(Weights w, List<WeightPath> parts, int in, int out) {
        return new Linear(w.takeStacked(parts.stream().map(p -> p.name("weight")).toList(), out, in),
                w.takeStacked(parts.stream().map(p -> p.name("bias")).toList(), out));
    }

    /** Multiplies output features {@code [0, rows)} by {@code factor}, in place: only for this map's own copies. */
    Linear scaleRows(long rows, float factor) {
        if (weight == null || bias == null) {
            return this; // missing or mis-shaped: Weights.finish() names it
        }
        NDIndex first = new NDIndex("0:" + rows);
        try (NDManager scratch = weight.getManager().newSubManager()) {
            weight.set(first, weight.get(scratch, first).mul(factor));
            bias.set(first, bias.get(scratch, first).mul(factor));
        }
        return this;
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
