package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * A {@code torch.nn.Linear}: {@code weight} [out, in] and {@code bias} [out]. In a bfloat16 model both are bfloat16 and
 * the product is taken in bfloat16 (inputs rounded to bfloat16 first); its output stays bfloat16 until the caller adds
 * it to a float32 stream or widens it.
 */
final class Linear {
    final NDArray weight;
    final NDArray bias;
    /** Whether the map is stored (and multiplies) in bfloat16. */
    final boolean bf16;

    Linear(Weights w, WeightPath path, int in, int out) {
        this(w.take(path.name("weight"), out, in), w.take(path.name("bias"), out));
    }

    Linear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
        this.bf16 = weight != null && Bf16.holds(weight);
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
        if (bf16) {
            return new Linear(scaledCopy(weight, rows, factor), scaledCopy(bias, rows, factor));
        }
        NDIndex first = new NDIndex("0:" + rows);
        try (NDManager scratch = weight.getManager().newSubManager()) {
            weight.set(first, weight.get(scratch, first).mul(factor));
            bias.set(first, bias.get(scratch, first).mul(factor));
        }
        return this;
    }

    /** This bfloat16 map with its weight times {@code weightFactor} and its bias times {@code biasFactor}: new arrays. */
    Linear scaledBf16(float weightFactor, float biasFactor) {
        if (weight == null || bias == null || !bf16) {
            return this; // missing or mis-shaped: Weights.finish() names it
        }
        Linear scaled = new Linear(weight.mul(weightFactor), bias.mul(biasFactor));
        weight.close();
        bias.close();
        return scaled;
    }

    /**
     * A copy of x with its first {@code rows} rows times {@code factor}; x is closed. For bfloat16 arrays, which are
     * not written in place here (DJL's indexed writes may re-create the value with a dtype code).
     */
    private static NDArray scaledCopy(NDArray x, long rows, float factor) {
        try (NDManager scratch = x.getManager().newSubManager()) {
            NDArray head = x.get(scratch, new NDIndex("0:" + rows)).mul(factor);
            NDArray tail = x.get(scratch, new NDIndex(rows + ":"));
            NDArray joined = head.concat(tail, 0);
            joined.attach(x.getManager());
            x.close();
            return joined;
        }
    }

    /**
     * x [..., in] (float32 or bfloat16) times this bfloat16 map: bfloat16 [..., out], owned by x's manager. One
     * TorchScript call: the cast, and (W x^T)^T for few rows or one flattened product with the bias added inside it.
     */
    private NDArray forwardBf16(NDArray x) {
        return TorchOps.linear(x, weight, bias);
    }

    /**
     * Whether a layer made of such maps runs as one TorchScript call ({@link TorchOps#clipLayer},
     * {@link TorchOps#imageLayer}): float32 or bfloat16 storage. A float16 map is widened per pass, in Java.
     */
    boolean inOneCall() {
        return weight != null && (bf16 || weight.getDataType() == DataType.FLOAT32);
    }

    /** Output features {@code [from, to)} of this map: views of its arrays, no copy. */
    Linear rows(long from, long to) {
        return weight == null ? this : new Linear(weight.get(from + ":" + to), bias.get(from + ":" + to));
    }

    /** One row already takes torch's matrix-vector kernel, a single pass over W: nothing for (W x^T)^T to gain. */
    static final int WIDE_MIN_ROWS = 2;

    /**
     * The most rows (W x^T)^T was measured to win on (8 and 4 below); above this the plain x W^T kernel is kept, as
     * MKL's blocking starts to pay for its extra passes over W and no gain was measured there.
     */
    static final int WIDE_MAX_ROWS = 16;

    /**
     * {@link #forward} for a map much wider than it is deep (the LM head) on x [..., in]. For {@link #WIDE_MIN_ROWS} to
     * {@link #WIDE_MAX_ROWS} float32 rows this computes (W x^T)^T: MKL's kernel for x W^T with that few rows is 2-3x
     * slower than one pass over W (measured on [rows, 768] x [768, 30522]: 8 rows 18 -> 13 ms, 4 rows 17 -> 8 ms).
     * float16 keeps {@link #forward}, the faster of the two there at every row count; bfloat16 has its own few-row path.
     */
    NDArray forwardWide(NDArray x) {
        long in = x.getShape().get(x.getShape().dimension() - 1);
        long rows = x.size() / in;
        if (rows < WIDE_MIN_ROWS || rows > WIDE_MAX_ROWS || bf16 || x.getDataType() != DataType.FLOAT32) {
            return forward(x);
        }
        DataType type = x.getDataType();
        NDArray w = Precision.as(weight, type, x);
        NDArray columns = w.matMul(x.reshape(rows, in).transpose()); // [out, rows]
        columns.attach(x.getManager()); // a result belongs to its first operand's manager: here, the weights'
        long[] shape = x.getShape().getShape();
        shape[shape.length - 1] = w.getShape().get(0);
        return columns.transpose().add(Precision.as(bias, type, x)).reshape(shape); // [..., out]
    }

    /** [..., in] -> [..., out] in x's type (weights widened for this call if stored narrower); x's manager owns it. */
    NDArray forward(NDArray x) {
        return forward(x, MAX_WIDENED_BYTES);
    }

    /**
     * The largest weight copy one call widens at once. A float16 model's LM head is 94 MB in float32: widened whole, a
     * label-scoring pass would hold it beside everything else; in blocks of output rows it never holds more than this.
     */
    static final long MAX_WIDENED_BYTES = 16L << 20;

    NDArray forward(NDArray x, long maxWidenedBytes) {
        if (bf16) {
            return forwardBf16(x);
        }
        DataType type = x.getDataType();
        long rowBytes = weight.getShape().get(1) * type.getNumOfBytes();
        long block = Math.max(1, maxWidenedBytes / rowBytes);
        long out = weight.getShape().get(0);
        if (weight.getDataType() == type || block >= out) {
            return ai.djl.nn.core.Linear.linear(x, Precision.as(weight, type, x), Precision.as(bias, type, x))
                    .singletonOrThrow();
        }
        NDManager owner = x.getManager();
        NDList parts = new NDList();
        for (long from = 0; from < out; from += block) {
            NDIndex rows = new NDIndex(from + ":" + Math.min(out, from + block));
            try (NDManager scratch = owner.newSubManager()) {
                NDArray w = weight.get(scratch, rows).toType(type, false); // [block, in]
                NDArray b = bias.get(scratch, rows).toType(type, false);
                NDArray part = ai.djl.nn.core.Linear.linear(x, w, b).singletonOrThrow(); // [..., block]
                part.attach(owner);
                parts.add(part);
            }
        }
        NDArray y = NDArrays.concat(parts, -1); // [..., out]
        parts.close();
        return y;
    }
}
