package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.gitplatform.core.safetensors.SafetensorsFile;
import io.gitplatform.core.testing.SharedFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bfloat16 model really stores and multiplies in bfloat16, and stays close to float32. */
class Bfloat16Tests {
    private static final Path TINY = SharedFixtures.tinyRandom();
    private static final WeightPath DENSE = new WeightPath("git.encoder.layer.0.intermediate.dense");

    @Test
    void matricesAreStoredAsBfloat16AndNormsAsFloat32() {
        Path file = TINY.resolve(GitModel.WEIGHTS_FILE);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager()) {
            Weights w = new Weights(st, file, m, DataType.BFLOAT16);
            long[] shape = st.entry(DENSE.name("weight")).shape();
            NDArray weight = w.take(DENSE.name("weight"), shape);
            // torch's own answer, and two bytes an element: no silent float32 fallback
            assertThat(Bf16.isBfloat16(weight)).isTrue();
            assertThat(weight.toByteBuffer().remaining()).isEqualTo(2 * shape[0] * shape[1]);
            assertThat(weight.getShape().getShape()).containsExactly(shape);
            Linear fused = fusedQueryKey(w, (int) shape[1]);
            assertThat(fused.bf16).isTrue();
            assertThat(Bf16.isBfloat16(fused.weight)).isTrue();
            assertThat(Bf16.isBfloat16(fused.bias)).isTrue();
            // Each is the only handle on its storage. The engine replaces some loaded matrices by scaled copies; a
            // second handle left on the load's manager (the chunks or their join) would keep the replaced storage
            // alive: 150 MB of git-base-vatex.
            assertThat(handles(m)).isEqualTo(3);
            weight.close();
            fused.weight.close();
            fused.bias.close();
            assertThat(handles(m)).isZero();
            NDArray norm = w.takeFloat32("git.embeddings.LayerNorm.weight", shape[1]);
            assertThat(norm.getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void castValuesAreFloat32RoundedToBfloat16() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] values = {1f, 1.00390625f, 3.14159265f, -65504f, 1e-3f};
            NDArray narrow = Bf16.of(m.create(values));
            assertThat(Bf16.isBfloat16(narrow)).isTrue();
            float[] back = narrow.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                int bits = Float.floatToIntBits(values[i]);
                int rounded = (bits + 0x7fff + ((bits >> 16) & 1)) & 0xffff0000; // round to nearest even
                assertThat(back[i]).as("%s", values[i]).isEqualTo(Float.intBitsToFloat(rounded));
            }
        }
    }

    @Test
    void teacherForcedLogitsStayWithin5e2OfFloat32() throws Exception {
        float[] full = teacherForcedLogits(DataType.FLOAT32);
        float[] bf16 = teacherForcedLogits(DataType.BFLOAT16);
        double max = 0;
        for (int i = 0; i < full.length; i++) {
            max = Math.max(max, Math.abs(full[i] - bf16[i]));
        }
        System.out.printf("bfloat16 teacher-forced logits on git-tiny-random: max |diff| %.3e vs float32%n", max);
        assertThat(max).isLessThan(5e-2)
                .as("bfloat16 products must differ from float32 (else it fell back)").isGreaterThan(1e-5);
    }

    private static float[] teacherForcedLogits(DataType dtype) throws Exception {
        return CheckpointVariantsTests.teacherForcedLogits(TINY, dtype);
    }

    /** Layer 1's query and key maps stacked, as QkvProjection loads them (a read of two entries). */
    private static Linear fusedQueryKey(Weights w, int hidden) {
        WeightPath self = new WeightPath("git.encoder.layer.1.attention.self");
        return Linear.fused(w, List.of(self.child("query"), self.child("key")), hidden, hidden);
    }

    /** Open arrays on m, counted (a bfloat16 array cannot be printed in an assertion message). */
    private static int handles(NDManager m) {
        return m.getManagedArrays().size();
    }
}
