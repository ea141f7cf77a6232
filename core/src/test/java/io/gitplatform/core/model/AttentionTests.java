package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AttentionTests {

    @Test
    void blocksOfQueriesGiveTheWholeAttention() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray q = m.randomNormal(new Shape(2, 3, 37, 8));
            NDArray kT = m.randomNormal(new Shape(2, 3, 8, 41));
            NDArray v = m.randomNormal(new Shape(2, 3, 41, 8));
            float[] whole = q.matMul(kT).softmax(-1).matMul(v).toFloatArray();
            // 2 * 3 * 41 floats per query row: a budget of 5 rows makes 8 blocks, the last one short.
            NDArray blocked = Attention.inBlocks(q, kT, v, 5L * 2 * 3 * 41 * 4);
            assertThat(blocked.getShape()).isEqualTo(new Shape(2, 3, 37, 8));
            // Equal up to float rounding: the matmul kernels may sum in another order for another row count.
            assertThat(blocked.toFloatArray()).containsExactly(whole, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
