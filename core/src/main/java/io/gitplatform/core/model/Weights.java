package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gitplatform.core.safetensors.CheckpointException;
import io.gitplatform.core.safetensors.SafetensorsFile;
import io.gitplatform.core.safetensors.TensorEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hands checkpoint tensors to the blocks that ask for them by name and expected shape, then reports every missing,
 * mis-shaped and unexpected key at once ({@link #finish()}), so a wrong checkpoint fails with the whole list.
 */
public final class Weights {

    private final SafetensorsFile file;
    private final Path path;
    private final NDManager manager;
    private final DataType dtype;
    private final Set<String> unused;
    private final List<String> missing = new ArrayList<>();
    private final List<String> misshaped = new ArrayList<>();

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
        return file.load(manager, name, dtype);
    }

    /** The first of several accepted spellings of one tensor that the file has (e.g. {@code img_temperal_embedding}). */
    public NDArray takeAny(List<String> names, long... shape) {
        for (String name : names) {
            if (file.entries().containsKey(name)) {
                names.stream().filter(n -> !n.equals(name)).forEach(unused::remove);
                return take(name, shape);
            }
        }
        return take(names.get(0), shape);
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

    static Shape shape(long... dims) {
        return new Shape(dims);
    }
}
