package io.gitplatform.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    /** The byte-exact expectation of the reference implementation's own test_serialization. */
    @Test
    void matchesTheReferenceSerialization() throws IOException {
        Path file = dir.resolve("attn.safetensors");
        new SafetensorsWriter().add("attn.0", Dtype.F32, new long[] {1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5})
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(64);
        assertThat(new String(bytes, 8, 64, StandardCharsets.UTF_8))
                .isEqualTo("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}");
        assertThat(bytes).hasSize(8 + 64 + 24);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(8 + 64 + 4)).isEqualTo(1f);
    }

    /** The reference's test_serialization_forced_alignement: a shorter name leaves 7 bytes of space padding. */
    @Test
    void padsTheHeaderWithSpacesToAMultipleOf8() throws IOException {
        Path file = dir.resolve("attn0.safetensors");
        new SafetensorsWriter().add("attn0", Dtype.F32, new long[] {1, 1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5})
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(72);
        assertThat(new String(bytes, 8, 72, StandardCharsets.UTF_8)).endsWith("[0,24]}}       ");
    }

    /** Values made at write time give the same bytes as arrays given up front, and are made once per tensor. */
    @Test
    void valuesMadeWhileWritingMatchValuesGivenUpFront() throws IOException {
        float[] a = {0, 1, 2, 3, 4, 5};
        float[] b = {-1.5f, 2.25f};
        int[] made = new int[1];
        Path given = dir.resolve("given.safetensors");
        Path lazy = dir.resolve("lazy.safetensors");
        new SafetensorsWriter().add("b", Dtype.F16, new long[] {2}, b).add("a", Dtype.F32, new long[] {2, 3}, a)
                .write(given);
        SafetensorsWriter writer = new SafetensorsWriter()
                .add("b", Dtype.F16, new long[] {2}, () -> {
                    made[0]++;
                    return b.clone();
                })
                .add("a", Dtype.F32, new long[] {2, 3}, () -> {
                    made[0]++;
                    return a.clone();
                });
        assertThat(made[0]).isZero();
        writer.write(lazy);
        assertThat(made[0]).isEqualTo(2);
        assertThat(Files.readAllBytes(lazy)).isEqualTo(Files.readAllBytes(given));
        assertThatThrownBy(() -> new SafetensorsWriter().add("c", Dtype.F32, new long[] {3}, () -> new float[2])
                .write(dir.resolve("short.safetensors")))
                .hasMessageContaining("c: shape [3] has 3 elements but 2 values were made");
    }

    /** The reference's test_empty: no tensors, with and without metadata. */
    @Test
    void emptyFilesMatchTheReference() throws IOException {
        Path empty = dir.resolve("empty.safetensors");
        new SafetensorsWriter().write(empty);
        assertThat(Files.readAllBytes(empty)).containsExactly(8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ',
                ' ', ' ');
        Path meta = dir.resolve("meta.safetensors");
        new SafetensorsWriter().metadata("framework", "pt").write(meta);
        assertThat(new String(Files.readAllBytes(meta), 8, 40, StandardCharsets.UTF_8))
                .isEqualTo("{\"__metadata__\":{\"framework\":\"pt\"}}     ");
        try (SafetensorsFile file = SafetensorsFile.open(meta)) {
            assertThat(file.entries()).isEmpty();
            assertThat(file.metadata()).containsExactly(Map.entry("framework", "pt"));
        }
    }

    @Test
    void roundTripsF32F16AndBf16() throws IOException {
        float[] values = randomFloats(3 * 5 * 7, 1);
        Path file = dir.resolve("round.safetensors");
        long[] shape = {3, 5, 7};
        new SafetensorsWriter().add("f32", Dtype.F32, shape, values).add("f16", Dtype.F16, shape, values)
                .add("bf16", Dtype.BF16, shape, values).metadata("format", "pt").write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(st.entries().keySet()).containsExactly("f32", "bf16", "f16"); // by alignment, then name
            assertThat(st.entry("f16").shape()).containsExactly(shape);
            for (String name : List.of("f32", "f16", "bf16")) {
                NDArray loaded = st.load(manager, name, DataType.FLOAT32);
                assertThat(loaded.getShape().getShape()).containsExactly(shape);
                float[] got = loaded.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    float expected = switch (name) {
                        case "f32" -> values[i];
                        case "f16" -> HalfFloats.f16ToFloat(HalfFloats.toF16(values[i]));
                        default -> HalfFloats.bf16ToFloat(HalfFloats.toBf16(values[i]));
                    };
                    assertThat(got[i]).as("%s[%d]", name, i).isEqualTo(expected);
                }
            }
            // bf16 keeps 8 significant bits: within 2^-8 relative of the original.
            float[] bf16 = st.load(manager, "bf16", DataType.FLOAT32).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(bf16[i]).isCloseTo(values[i], Offset.offset(Math.abs(values[i]) / 256));
            }
            float[] bf16AsHalf = st.load(manager, "bf16", DataType.FLOAT16).toType(DataType.FLOAT32, false)
                    .toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(bf16AsHalf[i]).isEqualTo(HalfFloats.f16ToFloat(HalfFloats.toF16(bf16[i])));
            }
        }
    }

    /** Conversion runs in chunks of FloatLoader.CHUNK elements. */
    @Test
    void bf16LargerThanAChunkConvertsExactly() throws IOException {
        float[] values = randomFloats(3 * 700_001, 2); // > 2 chunks, ends mid-chunk
        Path file = dir.resolve("big.safetensors");
        new SafetensorsWriter().add("w", Dtype.BF16, new long[] {values.length / 3, 3}, values).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            float[] got = st.load(manager, "w", DataType.FLOAT32).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                if (got[i] != HalfFloats.bf16ToFloat(HalfFloats.toBf16(values[i]))) {
                    throw new AssertionError("element " + i + ": " + got[i] + " vs " + values[i]);
                }
            }
        }
    }

    @Test
    void rawBytesScalarsAndEmptyTensorsRoundTrip() throws IOException {
        ByteBuffer ids = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(101).putLong(102).flip();
        Path file = dir.resolve("mixed.safetensors");
        new SafetensorsWriter().add("ids", Dtype.I64, new long[] {2}, ids)
                .add("scalar", Dtype.F32, new long[0], new float[] {2.5f})
                .add("empty", Dtype.F16, new long[] {0, 4}, new float[0])
                .add("name with \"quotes\"\n", Dtype.U8, new long[] {1}, ByteBuffer.wrap(new byte[] {7}))
                .write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(st.slice("ids").getLong(8)).isEqualTo(102);
            assertThat(st.slice("name with \"quotes\"\n").get(0)).isEqualTo((byte) 7);
            assertThat(st.load(manager, "scalar", DataType.FLOAT32).getFloat()).isEqualTo(2.5f);
            NDArray empty = st.load(manager, "empty", DataType.FLOAT32);
            assertThat(empty.getShape().getShape()).containsExactly(0, 4);
            assertThat(st.slice("empty").remaining()).isZero();
            ByteBuffer noIds = ByteBuffer.allocate(0);
            Path emptyInts = dir.resolve("empty-ints.safetensors");
            new SafetensorsWriter().add("none", Dtype.I64, new long[] {0}, noIds).write(emptyInts);
            try (SafetensorsFile ints = SafetensorsFile.open(emptyInts)) {
                assertThatThrownBy(() -> ints.load(manager, "none", DataType.FLOAT32)).hasMessageContaining("I64");
            }
            assertThatThrownBy(() -> st.load(manager, "ids", DataType.FLOAT32))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("'ids'").hasMessageContaining("I64");
        }
    }

    @Test
    void rejectsInconsistentInput() {
        SafetensorsWriter writer = new SafetensorsWriter().add("a", Dtype.F32, new long[] {2}, new float[2]);
        assertThatThrownBy(() -> writer.add("a", Dtype.F32, new long[] {2}, new float[2]))
                .hasMessageContaining("already added");
        assertThatThrownBy(() -> writer.add("b", Dtype.F32, new long[] {3}, new float[2]))
                .hasMessageContaining("3 elements but 2 values");
        assertThatThrownBy(() -> writer.add("c", Dtype.I32, new long[] {2}, new float[2]))
                .hasMessageContaining("not I32");
        assertThatThrownBy(() -> writer.add("d", Dtype.F32, new long[] {2}, ByteBuffer.allocate(7)))
                .hasMessageContaining("needs 8 bytes but the buffer has 7");
        assertThatThrownBy(() -> writer.add("e", Dtype.F32, new long[] {-1}, new float[0]))
                .hasMessageContaining("negative");
    }

    static float[] randomFloats(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        return values;
    }
}
