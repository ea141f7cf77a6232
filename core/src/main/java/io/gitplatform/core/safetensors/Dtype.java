package io.gitplatform.core.safetensors;

import java.util.Arrays;
import java.util.Optional;

/**
 * The safetensors element types this project reads, with their sizes in bytes. Declared in the order the reference
 * writer lays tensors out (descending alignment, then name), so {@link SafetensorsWriter} can sort by ordinal.
 */
public enum Dtype {
    I64(8), F64(8), F32(4), I32(4), BF16(2), F16(2), I16(2), I8(1), U8(1), BOOL(1);

    private final int itemSize;

    Dtype(int itemSize) {
        this.itemSize = itemSize;
    }

    public int itemSize() {
        return itemSize;
    }

    /** The dtype spelled exactly as in a header ({@code "F32"}), if known. */
    public static Optional<Dtype> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
