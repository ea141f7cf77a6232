package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Which float type a pass computes in. A float16 model stores float16 weights (keys and values stay float32), but
 * CPUs without native float16 matmul (no AVX512-FP16/AMX: PyTorch falls back to a kernel about 4x slower than float32)
 * only win with float16 where a pass reads weights more than it computes: a few tokens. Passes over many
 * tokens (the vision tower, the image prefix, label scoring) compute in float32 from widened weights.
 *
 * <p>A bfloat16 model stores its matrices (and the biases added to their products) in bfloat16 and multiplies in
 * bfloat16 ({@link Linear}); the stream between blocks, layer norms, attention scores and softmax, and the logits stay
 * float32, so its passes are float32 passes whose matrix products run in bfloat16.
 */
final class Precision {
    /**
     * Passes over at most this many tokens compute in the storage type; longer ones in float32. Measured on the
     * decoder's four matrices plus the LM head: float16 takes about 1.65 ms per row, widening them to float32 about
     * 50 ms plus 0.4 ms per row; they cross near 40 rows. The constant sits under the crossing on purpose: between
     * 32 and 40 rows the two cost within 15% of each other, the crossing moves with the CPU's float16 kernel, and when
     * the speed is a toss-up the more exact float32 is the better pick.
     */
    static final int SMALL_PASS_TOKENS = 32;

    /**
     * The type of the cached image and text keys and values, and of the decoder steps' attention over them, whatever
     * the weights: PyTorch's CPU half-precision batched matmul for a few query rows is slower than float32 (one decode
     * step against a video's 1182 image tokens: 2.2 vs 0.26 ms per layer in float16; bfloat16 0.36 vs 0.22 ms), and
     * keys and values are small next to the weights. Long passes (the vision tower, the image prefix) attend in their
     * product's type instead, inside {@link TorchOps#clipLayer} and {@link TorchOps#imageLayer} (a float16 model's
     * image prefix through {@link TorchOps#attention}).
     */
    static final DataType ATTENTION = DataType.FLOAT32;

    private Precision() {
    }

    /** The compute type of a pass over {@code tokens} tokens of a model stored as {@code storage}. */
    static DataType forPass(DataType storage, long tokens) {
        return tokens <= SMALL_PASS_TOKENS && storage == DataType.FLOAT16 ? storage : DataType.FLOAT32;
    }

    /** {@code x} as {@code type}; a converted copy belongs to {@code like}'s manager (x may be a shared weight). */
    static NDArray as(NDArray x, DataType type, NDArray like) {
        if (type == DataType.BFLOAT16) {
            throw new IllegalArgumentException("bfloat16 goes through Bf16.of: DJL's JNI aborts on its dtype code");
        }
        if (x.getDataType() == type) {
            return x;
        }
        NDArray converted = x.toType(type, false);
        converted.attach(like.getManager());
        return converted;
    }
}
