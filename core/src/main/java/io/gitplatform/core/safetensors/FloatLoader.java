package io.gitplatform.core.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Turns a tensor's mapped bytes into a float32 or float16 NDArray.
 *
 * <p>DJL's PyTorch engine wraps a direct ByteBuffer with {@code torch::from_blob} (no copy) and keeps the buffer in
 * the array ({@code PtNDArray.dataRef}) until the array is closed; a heap buffer is first copied into a fresh direct
 * one. So a stored dtype equal to the target costs nothing: the tensor reads the page cache. Everything else is
 * converted into memory that torch owns (freed when the array closes, not when the GC gets round to a direct
 * buffer): BFLOAT16 cannot be created or cast in DJL's JNI (it aborts the JVM), so bf16 is widened in Java chunk by
 * chunk.
 */
final class FloatLoader {

    /** Elements per conversion chunk: 4 MiB of float32 in one reusable direct buffer. */
    static final int CHUNK = 1 << 20;

    private FloatLoader() {
    }

    /** The tensor in its stored float type (F32 or F16): zero copy if aligned, else copied in chunks. */
    static NDArray stored(NDManager manager, TensorEntry e, ByteBuffer bytes, boolean aligned) {
        DataType type = e.dtype() == Dtype.F32 ? DataType.FLOAT32 : DataType.FLOAT16;
        Shape shape = new Shape(e.shape());
        if (aligned) {
            return manager.create(bytes, shape, type);
        }
        // A misaligned float pointer is undefined behaviour in C++; copy to aligned memory instead of wrapping.
        int item = e.dtype().itemSize();
        return filled(manager, shape, type, item, e.numel(),
                (first, count, dst) -> dst.put(0, bytes, (int) (first * item), count * item));
    }

    /**
     * The bf16 tensor as float32: a bf16 is the top half of the float32 with the same bits. Bulk copies through two
     * chunk-sized arrays (6 MiB at most) let the JIT vectorise the shift; per-element buffer access is several times
     * slower.
     */
    static NDArray bf16AsFloat32(NDManager manager, TensorEntry e, ByteBuffer bytes) {
        ShortBuffer source = bytes.asShortBuffer();
        short[] halves = new short[(int) Math.min(e.numel(), CHUNK)];
        int[] floats = new int[halves.length];
        return filled(manager, new Shape(e.shape()), DataType.FLOAT32, Float.BYTES, e.numel(), (first, count, dst) -> {
            source.get((int) first, halves, 0, count);
            for (int i = 0; i < count; i++) {
                floats[i] = (halves[i] & 0xffff) << 16;
            }
            dst.asIntBuffer().put(0, floats, 0, count);
        });
    }

    /** Converts a float array to {@code target}; the result is a new torch-owned array, the source is closed. */
    static NDArray toType(NDArray source, DataType target) {
        if (source.getDataType() == target) {
            return source;
        }
        try (source) {
            return source.toType(target, true);
        }
    }

    /** Writes elements {@code [first, first + count)} at the start of {@code dst}. */
    @FunctionalInterface
    interface ChunkWriter {
        void write(long first, int count, ByteBuffer dst);
    }

    /**
     * A torch-owned array filled chunk by chunk: each chunk is written into one reusable direct buffer, wrapped (no
     * copy) and copied into its place. ({@code NDArray.set(Buffer)} would not do: on CPU it re-points the tensor at
     * the buffer instead of copying.)
     */
    private static NDArray filled(NDManager manager, Shape shape, DataType type, int itemSize, long numel,
            ChunkWriter writer) {
        NDArray flat = manager.create(new Shape(numel), type);
        ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.min(numel, CHUNK) * itemSize)
                .order(ByteOrder.LITTLE_ENDIAN);
        try (flat) {
            for (long first = 0; first < numel; first += CHUNK) {
                int count = (int) Math.min(CHUNK, numel - first);
                writer.write(first, count, chunk);
                try (NDArray part = manager.create(chunk.slice(0, count * itemSize), new Shape(count), type)) {
                    flat.set(new NDIndex("{}:{}", first, first + count), part);
                }
            }
            return flat.reshape(shape);
        }
    }
}
