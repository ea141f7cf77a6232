package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Which float type a pass computes in. A float16 model stores float16 weights, image keys/values and text cache,
 * but CPUs without native float16 matmul (no AVX512-FP16/AMX: PyTorch falls back to a kernel about 4x slower than
 * float32) only win with float16 where a pass reads weights more than it computes: a few tokens. Passes over many
 * tokens (the vision tower, the image prefix, label scoring) compute in float32 from widened weights.
 */
final class Precision {
    /** Passes over at most this many tokens compute in the storage type; longer ones in float32. */
    static final int SMALL_PASS_TOKENS = 16;

    private Precision() {
    }

    /** The compute type of a pass over {@code tokens} tokens of a model stored as {@code storage}. */
    static DataType forPass(DataType storage, long tokens) {
        return tokens <= SMALL_PASS_TOKENS ? storage : DataType.FLOAT32;
    }

    /** {@code x} as {@code type}; a converted copy belongs to {@code like}'s manager (x may be a shared weight). */
    static NDArray as(NDArray x, DataType type, NDArray like) {
        if (x.getDataType() == type) {
            return x;
        }
        NDArray converted = x.toType(type, false);
        converted.attach(like.getManager());
        return converted;
    }
}
