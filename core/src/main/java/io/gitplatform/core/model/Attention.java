package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Unmasked softmax attention over long sequences, a block of queries at a time. */
final class Attention {
    /**
     * The largest score tensor one block may make. glibc hands out allocations above its mmap threshold (at most
     * 32 MiB) as fresh pages every time; page-faulting a video's [12, 1182, 1182] float32 scores (67 MB) three
     * times per layer cost more than the matmuls that fill them.
     */
    static final long MAX_SCORE_BYTES = 16L << 20;

    private Attention() {
    }

    /** softmax(q kT) v for q [P, heads, N, d] (already scaled), kT [P, heads, d, M], v [P, heads, M, d]. */
    static NDArray inBlocks(NDArray q, NDArray kT, NDArray v) {
        return inBlocks(q, kT, v, MAX_SCORE_BYTES);
    }

    static NDArray inBlocks(NDArray q, NDArray kT, NDArray v, long maxScoreBytes) {
        long[] s = q.getShape().getShape();
        long n = s[2];
        long rowBytes = s[0] * s[1] * kT.getShape().get(3) * q.getDataType().getNumOfBytes();
        long block = Math.max(1, maxScoreBytes / rowBytes);
        if (block >= n) {
            return q.matMul(kT).softmax(-1).matMul(v); // [P, heads, N, d]
        }
        NDList blocks = new NDList();
        for (long from = 0; from < n; from += block) {
            NDArray rows = q.get(":, :, " + from + ":" + Math.min(n, from + block) + ", :");
            blocks.add(Scope.consuming(rows, r -> r.matMul(kT).softmax(-1).matMul(v))); // [P, heads, block, d]
        }
        NDArray context = NDArrays.concat(blocks, 2);
        blocks.close();
        return context;
    }
}
