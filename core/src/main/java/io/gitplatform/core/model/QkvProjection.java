package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Query, key and value projections stacked into one map (one matmul gives [..., 3 * hidden]), with the softmax scale
 * 1/sqrt(d) folded into the query rows (exact when d is a power of 4, as 64 is), split into heads. Shared by the CLIP
 * and the BERT attention.
 */
final class QkvProjection {
    private final Linear qkv;
    /** The key and value rows of {@link #qkv} (a view). */
    private final Linear kv;
    private final int heads;
    private final int headDim;

    QkvProjection(Weights w, WeightPath query, WeightPath key, WeightPath value, int hidden, int heads) {
        this.heads = heads;
        this.headDim = hidden / heads;
        this.qkv = Linear.fused(w, List.of(query, key, value), hidden, hidden)
                .scaleRows(hidden, (float) (1 / Math.sqrt(headDim)));
        this.kv = qkv.rows(hidden, 3L * hidden);
    }

    /**
     * x [B, T, hidden] -> queries, keys and values [3, B, heads, T, d] in the product's type (bfloat16 for a bfloat16
     * model), for torch's fused attention over long passes.
     */
    NDArray queriesKeysValues(NDArray x) {
        return split(qkv.forward(x), x, 3);
    }

    /** The fused map itself (query rows scaled), for {@link TorchOps#decoderStep}. */
    Linear fused() {
        return qkv;
    }

    /** x [B, T, hidden] -> keys and values only [2, B, heads, T, d]: for tokens whose queries nothing reads. */
    NDArray keysValues(NDArray x) {
        return split(kv.forward(x), x, 2);
    }

    /** Heads [B, heads, T, d] -> [B, T, hidden]. */
    NDArray merge(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.transpose(0, 2, 1, 3).reshape(s[0], s[2], (long) heads * headDim);
    }

    /** [B, T, parts * hidden] -> [parts, B, heads, T, d]. */
    private NDArray split(NDArray projected, NDArray x, int parts) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return projected.reshape(b, t, parts, heads, headDim).transpose(2, 0, 3, 1, 4);
    }
}
