package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinearTests {

    @ParameterizedTest(name = "{0} x {1} rows, {2}")
    @CsvSource({"1, 1, FLOAT32", "2, 1, FLOAT32", "8, 1, FLOAT32", "4, 4, FLOAT32", "17, 1, FLOAT32", "5, 1, FLOAT16"})
    void theWideFormGivesTheLinearMapAndLeavesNothingWithTheWeights(int b, int t, DataType type) {
        try (NDManager weights = NDManager.newBaseManager(); NDManager pass = NDManager.newBaseManager()) {
            weights.getEngine().setRandomSeed(3);
            Linear head = new Linear(weights.randomNormal(new Shape(300, 24)).toType(type, false),
                    weights.randomNormal(new Shape(300)).toType(type, false));
            NDArray x = pass.randomNormal(new Shape(b, t, 24)).toType(type, false);
            long held = weights.getManagedArrays().size();

            NDArray wide = head.forwardWide(x);

            assertThat(wide.getShape()).isEqualTo(new Shape(b, t, 300));
            assertThat(wide.getDataType()).isEqualTo(type);
            assertThat(wide.getManager()).isSameAs(pass);
            assertThat(weights.getManagedArrays()).hasSize((int) held);
            float[] expected = head.forward(x).toType(DataType.FLOAT32, false).toFloatArray();
            float tolerance = type == DataType.FLOAT16 ? 2e-2f : 1e-5f;
            assertThat(wide.toType(DataType.FLOAT32, false).toFloatArray())
                    .containsExactly(expected, Offset.offset(tolerance));
        }
    }

    @ParameterizedTest(name = "{0} bytes at a time")
    @CsvSource({"100", "9600", "28800", "1000000"})
    void aFloat16MapWidenedInBlocksOfRowsGivesTheWholeMap(long maxWidenedBytes) {
        try (NDManager weights = NDManager.newBaseManager(); NDManager pass = NDManager.newBaseManager()) {
            weights.getEngine().setRandomSeed(5);
            Linear half = new Linear(weights.randomNormal(new Shape(300, 24)).toType(DataType.FLOAT16, false),
                    weights.randomNormal(new Shape(300)).toType(DataType.FLOAT16, false));
            Linear full = new Linear(half.weight.toType(DataType.FLOAT32, false), half.bias.toType(DataType.FLOAT32,
                    false));
            NDArray x = pass.randomNormal(new Shape(3, 7, 24)); // float32: the map is widened
            long held = weights.getManagedArrays().size();

            NDArray y = half.forward(x, maxWidenedBytes);

            assertThat(y.getShape()).isEqualTo(new Shape(3, 7, 300));
            assertThat(y.getManager()).isSameAs(pass);
            assertThat(weights.getManagedArrays()).hasSize((int) held);
            assertThat(y.toFloatArray()).containsExactly(full.forward(x).toFloatArray(), Offset.offset(1e-5f));
        }
    }
}
