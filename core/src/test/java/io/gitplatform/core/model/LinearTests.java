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

    @ParameterizedTest(name = "{0} x {1} rows")
    @CsvSource({"1, 1", "2, 1", "3, 5", "1, 129"}) // padded single row, (W x^T)^T for few rows, x W^T for many
    void aBfloat16MapGivesTheFloat32ProductOfItsRoundedValues(int b, int t) {
        try (NDManager weights = NDManager.newBaseManager(); NDManager pass = NDManager.newBaseManager()) {
            weights.getEngine().setRandomSeed(7);
            Linear narrow = new Linear(Bf16.of(weights.randomNormal(new Shape(300, 24))),
                    Bf16.of(weights.randomNormal(new Shape(300))));
            // the same rounded values in float32, and x rounded as the bfloat16 map rounds it
            Linear full = new Linear(narrow.weight.toType(DataType.FLOAT32, false),
                    narrow.bias.toType(DataType.FLOAT32, false));
            NDArray x = pass.randomNormal(new Shape(b, t, 24));
            NDArray xRounded = Bf16.of(x).toType(DataType.FLOAT32, false);
            long held = weights.getManagedArrays().size();

            NDArray y = narrow.forward(x);

            assertThat(narrow.bf16).isTrue();
            assertThat(Bf16.isBfloat16(y)).isTrue();
            assertThat(y.getShape()).isEqualTo(new Shape(b, t, 300));
            assertThat(y.getManager()).isSameAs(pass);
            assertThat(weights.getManagedArrays()).hasSize((int) held);
            float[] expected = full.forward(xRounded).toFloatArray();
            float[] got = y.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < expected.length; i++) { // the product rounded to bfloat16: 8 significant bits
                assertThat(got[i]).isCloseTo(expected[i], Offset.offset(1e-2f + Math.abs(expected[i]) / 128));
            }
        }
    }
}
