package io.gitplatform.core.safetensors;

import java.util.Arrays;

/**
 * One tensor of a safetensors header: its bytes are {@code [begin, end)} of the data section (after the header).
 * Entries from {@link SafetensorsFile} are validated: the size matches the shape and the bytes lie in the file.
 */
public record TensorEntry(String name, Dtype dtype, long[] shape, long begin, long end) {

    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long byteSize() {
        return end - begin;
    }

    /** The element count: 1 for a scalar (empty shape), 0 if any dimension is 0. */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry e && name.equals(e.name) && dtype == e.dtype && Arrays.equals(shape, e.shape)
                && begin == e.begin && end == e.end;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
