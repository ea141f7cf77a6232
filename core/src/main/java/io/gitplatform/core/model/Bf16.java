package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * bfloat16 tensors on DJL's PyTorch engine. DJL 0.36's JNI has no bfloat16 dtype code: any DJL call given
 * {@code DataType.BFLOAT16} (create, {@code toType}, a softmax dtype) aborts the JVM. A tensor made bfloat16 inside
 * TorchScript is fine, and every DJL operation that passes no dtype works on it; DJL reads its type as
 * {@link DataType#UNKNOWN}. So the engine never names bfloat16: it converts through {@link TorchOps}, and widens back
 * with an ordinary {@code toType(FLOAT32)}.
 */
public final class Bf16 {
    private Bf16() {
    }

    /** x converted to bfloat16, owned by x's manager (x itself when it already is). */
    public static NDArray of(NDArray x) {
        if (holds(x)) {
            return x;
        }
        return TorchOps.toBf16(x);
    }

    /**
     * Whether DJL sees x as a bfloat16 tensor: the only type it reads as {@link DataType#UNKNOWN} in this engine (the
     * read is cached per array).
     */
    static boolean holds(NDArray x) {
        return x.getDataType() == DataType.UNKNOWN;
    }

    /** Asks torch itself whether x is bfloat16 (for checks and tests: one TorchScript call). */
    public static boolean isBfloat16(NDArray x) {
        return TorchOps.isBf16(x);
    }
}
