package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TextCacheTests {

    @Test
    void appendsPastTheInitialCapacityKeepEveryPositionInOrder() {
        try (NDManager m = NDManager.newBaseManager(); TextCache cache = new TextCache(m, 1, 2, DataType.FLOAT32)) {
            // [2 rows, 3 heads, d 4, T] keys and [2, 3, T, 4] values, in chunks of 5 + 1 + 1 + ... positions
            NDArray keys = m.randomNormal(new Shape(2, 3, 4, 45));
            NDArray values = m.randomNormal(new Shape(2, 3, 45, 4));
            int[] chunks = new int[] {5, 1, 1, 20, 7, 11};
            int at = 0;
            for (int t : chunks) {
                append(cache, keys.get(":, :, :, " + at + ":" + (at + t)), values.get(":, :, " + at + ":" + (at + t)
                        + ", :"));
                at += t;
                assertThat(cache.keysT(0, m).toFloatArray())
                        .containsExactly(keys.get(":, :, :, :" + at).toFloatArray());
                assertThat(cache.values(0, m).toFloatArray())
                        .containsExactly(values.get(":, :, :" + at + ", :").toFloatArray());
            }
        }
    }

    @Test
    void reorderingCanRepeatRowsToExpandTheCache() {
        try (NDManager m = NDManager.newBaseManager(); TextCache cache = new TextCache(m, 1, 2, DataType.FLOAT32)) {
            NDArray keys = m.randomNormal(new Shape(2, 1, 2, 3));
            NDArray values = m.randomNormal(new Shape(2, 1, 3, 2));
            append(cache, keys, values);
            cache.extendValid(new boolean[][] {{false, true, true}, {true, true, true}});
            cache.reorderRows(new int[] {1, 1, 0});
            assertThat(cache.rows()).isEqualTo(3);
            assertThat(cache.valid[2]).containsExactly(false, true, true);
            assertThat(cache.keysT(0, m).get(2).toFloatArray()).containsExactly(keys.get(0).toFloatArray());
            assertThat(cache.values(0, m).get(0).toFloatArray()).containsExactly(values.get(1).toFloatArray());
        }
    }

    /** Layer 0's new keys [B, heads, d, T] and values [B, heads, T, d] written as a decode step writes them. */
    private static void append(TextCache cache, NDArray keysT, NDArray values) {
        long[] k = keysT.getShape().getShape();
        int t = (int) k[3];
        TextCache.Slot slot = cache.reserve(0, t, k[1], k[2]);
        slot.keysT().set(new NDIndex(":, :, :, {}:{}", slot.filled(), slot.filled() + t), keysT);
        slot.values().set(new NDIndex(":, :, {}:{}, :", slot.filled(), slot.filled() + t), values);
        cache.written(0, t);
    }
}
