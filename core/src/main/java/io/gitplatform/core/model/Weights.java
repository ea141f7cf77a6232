package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gitplatform.core.safetensors.CheckpointException;
import io.gitplatform.core.safetensors.Dtype;
import io.gitplatform.core.safetensors.SafetensorsFile;
import io.gitplatform.core.safetensors.TensorEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Hands checkpoint tensors to the blocks that ask for them by name and expected shape, then reports every missing,
 * mis-shaped and unexpected key at once ({@link #finish()}), so a wrong checkpoint fails with the whole list.
 */
public final class Weights {
    /** The buffer stacked tensors are read through: a multiple of every element size. */
    static final int READ_CHUNK_BYTES = 4 << 20;

    private final SafetensorsFile file;
    private final Path path;
    private final NDManager manager;
    private final DataType dtype;
    private final Set<String> unused;
    private final List<String> missing = new ArrayList<>();
    private final List<String> misshaped = new ArrayList<>();
    /** Reused by every positional read. */
    private ByteBuffer chunk;
    /** bf16 chunks widened to float32 for a bfloat16 model's load. */
    private ByteBuffer widened;

    /**
     * @param dtype how {@link #take} stores tensors: FLOAT32, FLOAT16, or BFLOAT16, which here only names the choice
     *              (it is never handed to DJL, whose JNI aborts on it; see {@link Bf16})
     */
    public Weights(SafetensorsFile file, Path path, NDManager manager, DataType dtype) {
        this.file = file;
        this.path = path;
        this.manager = manager;
        this.dtype = dtype;
        this.unused = new LinkedHashSet<>(file.entries().keySet());
    }

    public DataType dtype() {
        return dtype;
    }

    public NDManager manager() {
        return manager;
    }

    /** The tensor called {@code name}, which must have exactly {@code shape}; null (and recorded) when it can't be. */
    public NDArray take(String name, long... shape) {
        TensorEntry entry = checked(name, shape);
        if (entry == null) {
            return null;
        }
        return dtype == DataType.BFLOAT16 ? readBf16(List.of(entry), shape) : file.load(manager, name, dtype);
    }

    /**
     * {@link #take} for the small tensors that only meet float32 streams (LayerNorms, position, class and temporal
     * embeddings): float32 in a bfloat16 model, which keeps them at full precision; else the storage type.
     */
    public NDArray takeFloat32(String name, long... shape) {
        if (dtype != DataType.BFLOAT16) {
            return take(name, shape); // float16 models widen them per pass, as every other weight
        }
        TensorEntry entry = checked(name, shape);
        return entry == null ? null : file.load(manager, name, DataType.FLOAT32);
    }

    /** The entry called {@code name} if it exists with exactly {@code shape}; else null, recorded for finish(). */
    private TensorEntry checked(String name, long... shape) {
        TensorEntry entry = file.entries().get(name);
        if (entry == null) {
            missing.add(name + " " + Arrays.toString(shape));
            return null;
        }
        unused.remove(name);
        if (!Arrays.equals(entry.shape(), shape)) {
            misshaped.add(name + ": expected " + Arrays.toString(shape) + ", found " + Arrays.toString(entry.shape()));
            return null;
        }
        return entry;
    }

    /**
     * The tensors called {@code names}, each of {@code shape}, stacked on the first axis (for fused projections); null
     * (and recorded) when any is missing or mis-shaped. Stored in the target type, they are read from the file with
     * positional reads rather than through the mapping: mapped pages touched once would stay resident beside the copy.
     */
    public NDArray takeStacked(List<String> names, long... shape) {
        List<TensorEntry> entries = new ArrayList<>();
        for (String name : names) {
            TensorEntry e = file.entries().get(name);
            if (e == null) {
                missing.add(name + " " + Arrays.toString(shape));
            } else if (!Arrays.equals(e.shape(), shape)) {
                misshaped.add(name + ": expected " + Arrays.toString(shape) + ", found " + Arrays.toString(e.shape()));
            }
            unused.remove(name);
            entries.add(e);
        }
        if (entries.stream().anyMatch(e -> e == null || !Arrays.equals(e.shape(), shape))) {
            return null;
        }
        long[] stacked = shape.clone();
        stacked[0] *= names.size();
        if (dtype == DataType.BFLOAT16) {
            return readBf16(entries, stacked);
        }
        Dtype stored = dtype == DataType.FLOAT32 ? Dtype.F32 : Dtype.F16;
        if (entries.stream().anyMatch(e -> e.dtype() != stored)) {
            NDList parts = new NDList();
            names.forEach(n -> parts.add(file.load(manager, n, dtype))); // converted anyway: every page is read
            NDArray out = NDArrays.concat(parts, 0);
            parts.close();
            return out;
        }
        // Torch-owned memory filled through one small reusable buffer: a direct buffer the size of the tensor would
        // only be freed by a GC after the model is closed.
        long numel = entries.stream().mapToLong(TensorEntry::numel).sum();
        int item = stored.itemSize();
        NDArray flat = manager.create(new Shape(numel), dtype);
        try (flat) {
            long[] filled = {0};
            readChunks(entries, (e, bytes) -> {
                try (NDArray part = manager.create(bytes, new Shape(bytes.remaining() / item), dtype)) {
                    flat.set(new NDIndex("{}:{}", filled[0], filled[0] + bytes.remaining() / item), part);
                }
                filled[0] += bytes.remaining() / item;
            });
            return flat.reshape(new Shape(stacked));
        }
    }

    /**
     * bfloat16 storage: the tensors read chunk by chunk with positional reads (mapped pages touched once would stay
     * resident beside the copy), each chunk made float32 or float16 and written, converted, into one bfloat16 buffer:
     * nothing of the tensor's size is held twice (a join of bfloat16 chunks raised the load's peak by the largest
     * tensor, 47 MB for git-base-vatex's word embeddings).
     */
    private NDArray readBf16(List<TensorEntry> entries, long[] shape) {
        long numel = entries.stream().mapToLong(TensorEntry::numel).sum();
        try (NDArray flat = TorchOps.emptyBf16(manager, numel)) {
            long[] next = {0};
            readChunks(entries, (e, bytes) -> {
                try (NDArray wide = chunkAsFloat(e.dtype(), bytes)) {
                    next[0] = TorchOps.copyInto(flat, next[0], wide);
                }
            });
            return flat.reshape(new Shape(shape)); // the shaped view alone keeps the storage
        }
    }

    /** One chunk of F32, F16 or BF16 bytes as an NDArray of float32 or float16 (bf16 widened in Java). */
    private NDArray chunkAsFloat(Dtype stored, ByteBuffer bytes) {
        return switch (stored) {
            case F32 -> manager.create(bytes, new Shape(bytes.remaining() / 4), DataType.FLOAT32);
            case F16 -> manager.create(bytes, new Shape(bytes.remaining() / 2), DataType.FLOAT16);
            case BF16 -> {
                int n = bytes.remaining() / 2;
                if (widened == null) {
                    widened = ByteBuffer.allocateDirect(2 * READ_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                }
                ShortBuffer halves = bytes.asShortBuffer();
                IntBuffer floats = widened.clear().asIntBuffer();
                for (int i = 0; i < n; i++) {
                    floats.put(i, (halves.get(i) & 0xffff) << 16); // a bf16 is the top half of a float32
                }
                yield manager.create(widened.limit(4 * n), new Shape(n), DataType.FLOAT32);
            }
            default -> throw new CheckpointException(path, "dtype " + stored + " is not a float type");
        };
    }

    /** Hands each entry's bytes, in chunks of at most {@link #READ_CHUNK_BYTES}, to {@code sink} (same buffer). */
    private void readChunks(List<TensorEntry> entries, BiConsumer<TensorEntry, ByteBuffer> sink) {
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect(READ_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(length, 0);
            long dataStart = 8 + length.getLong(0);
            for (TensorEntry e : entries) {
                for (long offset = 0; offset < e.byteSize(); offset += READ_CHUNK_BYTES) {
                    int bytes = (int) Math.min(READ_CHUNK_BYTES, e.byteSize() - offset);
                    chunk.clear().limit(bytes);
                    while (chunk.hasRemaining()) {
                        if (channel.read(chunk, dataStart + e.begin() + offset + chunk.position()) < 0) {
                            throw new CheckpointException(path, "ends inside tensor " + e.name());
                        }
                    }
                    sink.accept(e, chunk.flip());
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + entries.stream().map(TensorEntry::name).toList()
                    + " from " + path + ": " + ex, ex);
        }
    }

    /** The first of several accepted spellings of one tensor that the file has (e.g. {@code img_temperal_embedding}). */
    public NDArray takeAny(List<String> names, long... shape) {
        for (String name : names) {
            if (file.entries().containsKey(name)) {
                names.stream().filter(n -> !n.equals(name)).forEach(unused::remove);
                return takeFloat32(name, shape);
            }
        }
        return takeFloat32(names.get(0), shape);
    }

    /** Drops keys the model deliberately does not use, such as transformers' {@code position_ids} buffers. */
    public void ignore(Predicate<String> ignored) {
        unused.removeIf(ignored);
    }

    /** Throws, naming every key, when the checkpoint did not match what the blocks asked for. */
    public void finish() {
        if (missing.isEmpty() && misshaped.isEmpty() && unused.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("the checkpoint does not match config.json");
        append(sb, "missing tensors", missing);
        append(sb, "tensors with the wrong shape", misshaped);
        append(sb, "unexpected tensors", new ArrayList<>(unused));
        throw new CheckpointException(path, sb.toString());
    }

    private static void append(StringBuilder sb, String what, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        sb.append("\n  ").append(keys.size()).append(' ').append(what).append(':');
        keys.stream().limit(50).forEach(k -> sb.append("\n    ").append(k));
        if (keys.size() > 50) {
            sb.append("\n    ... and ").append(keys.size() - 50).append(" more");
        }
    }
}
