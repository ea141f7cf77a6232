package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** torch's fused attention, as the vision tower and the image prefix call it: on views of one fused QKV product. */
class TorchOpsTests {

    @Test
    void fusedAttentionIsTheSoftmaxOfScaledScoresTimesValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            // [P, N, 3, heads, d] -> [3, P, heads, N, d]: strided views, as split() makes them
            NDArray qkv = m.randomNormal(new Shape(2, 37, 3, 3, 8)).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            float[] explicit = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v).toFloatArray();
            NDArray fused = TorchOps.attention(q, k, v);
            assertThat(fused.getShape()).isEqualTo(new Shape(2, 3, 37, 8));
            assertThat(fused.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(fused.toFloatArray()).containsExactly(explicit, offset(1e-5f));
        }
    }

    @Test
    void bfloat16InputsAttendInBfloat16() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(11);
            NDArray q = m.randomNormal(new Shape(1, 2, 50, 16)).mul(0.25f);
            NDArray k = m.randomNormal(new Shape(1, 2, 60, 16));
            NDArray v = m.randomNormal(new Shape(1, 2, 60, 16));
            float[] explicit = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v).toFloatArray();
            NDArray fused = TorchOps.attention(Bf16.of(q), Bf16.of(k), Bf16.of(v));
            assertThat(Bf16.isBfloat16(fused)).isTrue();
            // bfloat16 keeps 8 bits of mantissa: values near 1 are within 2^-8 of their float32 result, plus rounding
            // of the inputs
            assertThat(fused.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(explicit, offset(3e-2f));
        }
    }
}
