package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
 * The operations DJL's API cannot express, run inside the TorchScript module {@code torch_ops.pt} (made by
 * {@code core/src/main/python/make_torch_ops.py}; the build never needs Python): bfloat16 casts ({@link Bf16}), the
 * bfloat16 product, torch's fused attention, and whole layers where DJL's per-call overhead would dominate (decode
 * steps) or its fresh intermediates would (the long passes of float32 and bfloat16 models).
 */
final class TorchOps {
    static final String RESOURCE = "torch_ops.pt";

    private TorchOps() {
    }

    /** Loaded once per process on first use. */
    private static final class Module {
        static final PtSymbolBlock BLOCK = load();

        private static PtSymbolBlock load() {
            NDManager owner = NDManager.newBaseManager("PyTorch"); // lives as long as the process
            try (InputStream in = TorchOps.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("core resource " + RESOURCE + " is missing from the class path");
                }
                return JniUtils.loadModule((PtNDManager) owner, in, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** x as bfloat16, owned by x's manager (the module's forward also widens, which the engine does through DJL). */
    static NDArray toBf16(NDArray x) {
        PtNDArray p = (PtNDArray) x;
        try (IValue in = IValue.from(p); IValue flag = IValue.from(true); IValue out = Module.BLOCK.forward(in, flag)) {
            return out.toTensor(p.getManager());
        }
    }

    /**
     * An uninitialised bfloat16 [numel] owned by {@code manager}, on its device, for a load to fill with
     * {@link #copyInto}.
     */
    static NDArray emptyBf16(NDManager manager, long numel) {
        try (NDArray device = manager.zeros(new Shape(0)); IValue like = IValue.from((PtNDArray) device);
                IValue n = IValue.from(numel);
                IValue out = IValueUtils.runMethod(Module.BLOCK, "empty_bf16", like, n)) {
            return out.toTensor((PtNDManager) manager);
        }
    }

    /** Writes src, converted to flat dst's type, into dst from {@code offset} on; returns the next offset. */
    static long copyInto(NDArray dst, long offset, NDArray src) {
        try (IValue d = IValue.from((PtNDArray) dst); IValue at = IValue.from(offset);
                IValue s = IValue.from((PtNDArray) src);
                IValue out = IValueUtils.runMethod(Module.BLOCK, "copy_into", d, at, s)) {
            return out.toLong();
        }
    }

    static boolean isBf16(NDArray x) {
        try (IValue in = IValue.from((PtNDArray) x); IValue out = IValueUtils.runMethod(Module.BLOCK, "is_bf16", in)) {
            return out.toBoolean();
        }
    }

    /**
     * x [.., in] (float32 or bfloat16) times bfloat16 {@code w} [out, in] plus bfloat16 {@code b}: bfloat16 [.., out],
     * owned by x's manager. Few rows (decode steps) are taken as (W x^T)^T, see {@code FEW_ROWS} in
     * {@code make_torch_ops.py}.
     */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return tensorMethod("linear", x, w, b);
    }

    /**
     * softmax(q kT) v through torch's fused scaled-dot-product attention, unmasked: q [.., N, d] (already scaled), k
     * and v [.., M, d], all float32 or all bfloat16. Returns [.., N, d] in their type, owned by q's manager. The
     * kernel works in blocks and accumulates the softmax in float32, so no [N, M] score tensor is ever made.
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v) {
        return tensorMethod("attention", q, k, v);
    }

    /** A contiguous float32 copy of x (DJL's copies keep x's strides), owned by x's manager. */
    static NDArray contiguousFloat32(NDArray x) {
        return tensorMethod("contiguous_float32", x);
    }

    /**
     * One decoder layer over a decode step's text tokens h [B, T, hidden] (see {@code decoder_step} in
     * {@code make_torch_ops.py} for the argument layout): h's next value, owned by h's manager. The new keys and values
     * are written into {@code slot}'s buffers after its filled positions.
     */
    static NDArray decoderStep(NDArray h, NDArray[] weights, float eps, int heads, String act, NDArray imageKeysT,
            NDArray imageValues, TextCache.Slot slot, NDArray mask) {
        IValue[] in = new IValue[] {IValue.from((PtNDArray) h), tensorList(weights), IValue.from((double) eps),
            IValue.from((long) heads), IValue.from(act), IValue.from((PtNDArray) imageKeysT),
            IValue.from((PtNDArray) imageValues), IValue.from((PtNDArray) slot.keysT()),
            IValue.from((PtNDArray) slot.values()), IValue.from((long) slot.filled()),
            IValue.from((PtNDArray) (mask == null ? h : mask)), IValue.from(mask != null)};
        try (IValue out = IValueUtils.runMethod(Module.BLOCK, "decoder_step", in)) {
            return out.toTensor((PtNDManager) h.getManager());
        } finally {
            close(in);
        }
    }

    /**
     * One vision encoder layer of a float32 or bfloat16 model over x [F, N, hidden] float32 (see {@code clip_layer} in
     * {@code make_torch_ops.py} for the weights' order): x's next value, owned by x's manager.
     */
    static NDArray clipLayer(NDArray x, NDArray[] weights, float eps, int heads, String act) {
        IValue[] in = {IValue.from((PtNDArray) x), tensorList(weights), IValue.from((double) eps),
            IValue.from((long) heads), IValue.from(act)};
        try (IValue out = IValueUtils.runMethod(Module.BLOCK, "clip_layer", in)) {
            return out.toTensor((PtNDManager) x.getManager());
        } finally {
            close(in);
        }
    }

    /**
     * One decoder layer of a float32 or bfloat16 model over image tokens x [P, N, hidden] float32, weights as for
     * {@link #decoderStep}: keys [P, heads, d, N] and values [P, heads, N, d] (contiguous float32), then, unless
     * {@code last}, the layer output [P, N, hidden]; all owned by x's manager.
     */
    static NDArray[] imageLayer(NDArray x, NDArray[] weights, float eps, int heads, String act, boolean last) {
        IValue[] in = {IValue.from((PtNDArray) x), tensorList(weights), IValue.from((double) eps),
            IValue.from((long) heads), IValue.from(act), IValue.from(last)};
        try (IValue out = IValueUtils.runMethod(Module.BLOCK, "image_layer", in)) {
            return out.toTensorArray((PtNDManager) x.getManager());
        } finally {
            close(in);
        }
    }

    private static IValue tensorList(NDArray[] tensors) {
        PtNDArray[] list = new PtNDArray[tensors.length];
        for (int i = 0; i < list.length; i++) {
            list[i] = (PtNDArray) tensors[i];
        }
        return IValue.listFrom(list);
    }

    private static void close(IValue[] values) {
        for (IValue v : values) {
            if (v != null) {
                v.close();
            }
        }
    }

    /**
     * The module's exported {@code method} on tensors, returning a tensor owned by the first one's manager. DJL runs
     * it in inference mode, so the result cannot be written in place.
     */
    private static NDArray tensorMethod(String method, NDArray... tensors) {
        IValue[] in = new IValue[tensors.length];
        try {
            for (int i = 0; i < tensors.length; i++) {
                in[i] = IValue.from((PtNDArray) tensors[i]);
            }
            try (IValue out = IValueUtils.runMethod(Module.BLOCK, method, in)) {
                return out.toTensor((PtNDManager) tensors[0].getManager());
            }
        } finally {
            close(in);
        }
    }
}
