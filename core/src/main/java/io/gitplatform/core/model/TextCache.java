package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The text tokens' keys and values in every decoder layer for B rows, plus which of those positions are real (left
 * padding is kept in the cache but never attended to). Each layer's buffers have room for more positions than are
 * filled and are written in place; a step copies nothing already cached, except when the buffers grow (by doubling,
 * so the copies add up to less than the cache itself).
 */
public final class TextCache implements AutoCloseable {
    /** Positions the buffers start with: a caption or answer fits without growing. */
    static final int INITIAL_CAPACITY = 32;

    final NDManager manager;
    /** Per layer [B, heads, d, capacity] (transposed for {@code q.matMul}), null before the first step. */
    private final NDArray[] keysT;
    /** Per layer [B, heads, capacity, d]. */
    private final NDArray[] values;
    /** Per layer, how many positions are written. */
    private final int[] filled;
    /** What the buffers hold: {@link Precision#ATTENTION}, whatever type a pass computes in. */
    private final DataType dtype;
    /** [B][S]: false where the position is padding. */
    boolean[][] valid;

    TextCache(NDManager parent, int layers, int rows, DataType dtype) {
        this.manager = parent.newSubManager();
        this.dtype = dtype;
        this.keysT = new NDArray[layers];
        this.values = new NDArray[layers];
        this.filled = new int[layers];
        this.valid = new boolean[rows][0];
    }

    public int rows() {
        return valid.length;
    }

    public int length() {
        return valid.length == 0 ? 0 : valid[0].length;
    }

    /**
     * One layer's buffers, keys [B, heads, d, capacity] and values [B, heads, capacity, d], of which the first
     * {@code filled} positions are written.
     */
    record Slot(NDArray keysT, NDArray values, int filled) {
    }

    /**
     * A layer's buffers with room for {@code t} more positions after the filled ones (grown first if needed). The
     * caller writes the new keys and values in place, then calls {@link #written}.
     */
    Slot reserve(int layer, int t, long heads, long headDim) {
        int s = filled[layer];
        if (keysT[layer] == null || s + t > keysT[layer].getShape().get(3)) {
            grow(layer, heads, headDim, Math.max(INITIAL_CAPACITY, 2 * (s + t)));
        }
        return new Slot(keysT[layer], values[layer], s);
    }

    /** Counts {@code t} positions written after the filled ones of a layer's {@link #reserve reserved} buffers. */
    void written(int layer, int t) {
        filled[layer] += t;
    }

    /** New buffers of {@code capacity} positions holding what is filled so far. */
    private void grow(int layer, long heads, long headDim, int capacity) {
        int b = rows();
        NDArray grownK = manager.zeros(new Shape(b, heads, headDim, capacity), dtype);
        NDArray grownV = manager.zeros(new Shape(b, heads, capacity, headDim), dtype);
        if (filled[layer] > 0) {
            try (NDManager scratch = manager.newSubManager()) {
                grownK.set(filledKeys(layer), keysT(layer, scratch));
                grownV.set(filledValues(layer), values(layer, scratch));
            }
            keysT[layer].close();
            values[layer].close();
        }
        keysT[layer] = grownK;
        values[layer] = grownV;
    }

    /** The filled keys [B, heads, d, S] of a layer: a view owned by {@code owner}. */
    NDArray keysT(int layer, NDManager owner) {
        return keysT[layer].get(owner, filledKeys(layer));
    }

    /** The filled values [B, heads, S, d] of a layer: a view owned by {@code owner}. */
    NDArray values(int layer, NDManager owner) {
        return values[layer].get(owner, filledValues(layer));
    }

    private NDIndex filledKeys(int layer) {
        return new NDIndex(":, :, :, :" + filled[layer]);
    }

    private NDIndex filledValues(int layer) {
        return new NDIndex(":, :, :" + filled[layer] + ", :");
    }

    /** Records which of the T positions just appended are real, row by row. */
    void extendValid(boolean[][] added) {
        for (int r = 0; r < valid.length; r++) {
            boolean[] grown = Arrays.copyOf(valid[r], valid[r].length + added[r].length);
            System.arraycopy(added[r], 0, grown, valid[r].length, added[r].length);
            valid[r] = grown;
        }
    }

    /**
     * Keeps rows in the given order (beam search reordering): row i becomes old row {@code rows[i]}. Rows may repeat,
     * so this also expands a cache to more rows.
     */
    public void reorderRows(int[] rows) {
        long[] idx = Arrays.stream(rows).asLongStream().toArray();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray index = scratch.create(idx);
            for (int l = 0; l < keysT.length; l++) {
                if (keysT[l] == null) {
                    continue;
                }
                NDArray k = keysT[l].get(manager, new NDIndex("{}", index));
                NDArray v = values[l].get(manager, new NDIndex("{}", index));
                keysT[l].close();
                values[l].close();
                keysT[l] = k;
                values[l] = v;
            }
        }
        boolean[][] next = new boolean[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            next[i] = valid[rows[i]].clone();
        }
        valid = next;
    }

    @Override
    public void close() {
        manager.close();
    }
}
