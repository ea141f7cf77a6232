package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * bfloat16 tensors on DJL's PyTorch engine. DJL 0.36's JNI has no bfloat16 dtype code: any DJL call given
 * {@code DataType.BFLOAT16} (create, {@code toType}, a softmax dtype) aborts the JVM. A tensor made bfloat16 inside
 * TorchScript is fine, and every DJL operation that passes no dtype works on it; DJL reads its type as
 * {@link DataType#UNKNOWN}. So the engine never names bfloat16: it converts through {@code bf16_cast.pt} (made by
 * {@code core/src/main/python/make_bf16_cast.py}), and widens back with an ordinary {@code toType(FLOAT32)}.
 */
public final class Bf16 {
    static final String RESOURCE = "bf16_cast.pt";

    private Bf16() {
    }

    /** The cast module, loaded once per process on first use. */
    private static final class Module {
        static final PtSymbolBlock BLOCK = load();

        private static PtSymbolBlock load() {
            NDManager owner = NDManager.newBaseManager("PyTorch"); // lives as long as the process
            try (InputStream in = Bf16.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("core resource " + RESOURCE + " is missing from the class path");
                }
                return JniUtils.loadModule((PtNDManager) owner, in, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** x converted to bfloat16, owned by x's manager (x itself when it already is). */
    public static NDArray of(NDArray x) {
        if (holds(x)) {
            return x;
        }
        PtNDArray p = (PtNDArray) x;
        try (IValue in = IValue.from(p); IValue flag = IValue.from(true);
                IValue out = Module.BLOCK.forward(in, flag)) {
            return out.toTensor(p.getManager());
        }
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
        try (IValue in = IValue.from((PtNDArray) x);
                IValue out = IValueUtils.runMethod(Module.BLOCK, "is_bf16", in)) {
            return out.toBoolean();
        }
    }
}
