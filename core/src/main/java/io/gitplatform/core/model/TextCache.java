package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;

/**
 * The text tokens' keys and values in every decoder layer for B rows, plus which of those positions are real (left
 * padding is kept in the cache but never attended to).
 */
public final class TextCache implements AutoCloseable {
    final NDManager manager;
    /** Per layer [B, heads, d, S] (transposed for {@code q.matMul}), null before the first step. */
    final NDArray[] keysT;
    /** Per layer [B, heads, S, d]. */
    final NDArray[] values;
    /** [B][S]: false where the position is padding. */
    boolean[][] valid;

    TextCache(NDManager parent, int layers, int rows) {
        this.manager = parent.newSubManager();
        this.keysT = new NDArray[layers];
        this.values = new NDArray[layers];
        this.valid = new boolean[rows][0];
    }

    public int rows() {
        return valid.length;
    }

    public int length() {
        return valid.length == 0 ? 0 : valid[0].length;
    }

    /** Appends one layer's new keys [B, heads, d, T] and values [B, heads, T, d]; returns the full ones. */
    void append(int layer, NDArray newKeysT, NDArray newValues) {
        NDArray oldK = keysT[layer];
        NDArray oldV = values[layer];
        if (oldK == null) {
            keysT[layer] = newKeysT.duplicate();
            values[layer] = newValues.duplicate();
            keysT[layer].attach(manager);
            values[layer].attach(manager);
            return;
        }
        keysT[layer] = oldK.concat(newKeysT, 3); // belongs to the cache's manager, like oldK
        values[layer] = oldV.concat(newValues, 2);
        oldK.close();
        oldV.close();
    }

    /** Records which of the T positions just appended are real, row by row. */
    void extendValid(boolean[][] added) {
        for (int r = 0; r < valid.length; r++) {
            boolean[] grown = Arrays.copyOf(valid[r], valid[r].length + added[r].length);
            System.arraycopy(added[r], 0, grown, valid[r].length, added[r].length);
            valid[r] = grown;
        }
    }

    /** Keeps rows in the given order (beam search reordering): row i becomes old row {@code rows[i]}. */
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
