package io.gitplatform.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of damage: each must be a CheckpointException naming the file, the tensor and the problem. */
class CorruptFileTest {

    private static final String GOOD_ENTRY = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path dir;

    @Test
    void emptyFile() throws IOException {
        Path file = RawFiles.bytes(dir, new byte[0]);
        rejects(file).hasMessageContaining("is 0 bytes, too short for the 8-byte header length");
    }

    @Test
    void sevenByteFile() throws IOException {
        Path file = RawFiles.bytes(dir, new byte[7]);
        rejects(file).hasMessageContaining("is 7 bytes, too short");
    }

    @Test
    void truncatedInTheData() throws IOException {
        Path file = valid();
        truncate(file, Files.size(file) - 3);
        rejects(file).hasMessageContaining("tensor 'b': data_offsets [8, 13] run past the data section of 10 bytes");
    }

    @Test
    void truncatedInTheHeader() throws IOException {
        Path file = valid();
        truncate(file, 40);
        rejects(file).hasMessageContaining("runs past the end of the file (40 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path file = RawFiles.withLength(dir, 1000, "{}".getBytes());
        rejects(file).hasMessageContaining("header length 1000 runs past the end of the file (10 bytes");
    }

    @Test
    void headerLengthHuge() throws IOException {
        rejects(RawFiles.withLength(dir, 1L << 62, "{}".getBytes()))
                .hasMessageContaining("header length 4611686018427387904 exceeds the 100000000-byte limit");
        // 2^64 - 1 is -1 as a signed long: it must read as huge, not as negative.
        rejects(RawFiles.withLength(dir, -1L, "{}".getBytes()))
                .hasMessageContaining("header length 18446744073709551615 exceeds");
    }

    @Test
    void headerLengthTooSmall() throws IOException {
        rejects(RawFiles.withLength(dir, 1, "{}".getBytes())).hasMessageContaining("header length 1 is too small");
        rejects(RawFiles.withLength(dir, 0, new byte[0])).hasMessageContaining("header length 0 is too small");
    }

    @Test
    void malformedJson() throws IOException {
        rejects(RawFiles.withHeader(dir, "{\"a\":{\"dtype\":\"F32\",", 0))
                .hasMessageContaining("header is not valid JSON");
        rejects(RawFiles.withHeader(dir, "{\"a\" 1}", 0))
                .hasMessageContaining("header is not valid JSON: Expected ':' at line 1 column 7");
        rejects(RawFiles.withHeader(dir, "{'a':{}}", 0))
                .hasMessageContaining("header is not valid JSON: malformed JSON at line 1")
                .hasMessageNotContaining("LENIENT");
        rejects(RawFiles.withHeader(dir, "{} {}", 0)).hasMessageContaining("content after its JSON object");
    }

    @Test
    void headerNotAnObject() throws IOException {
        rejects(RawFiles.withHeader(dir, "[1, 2]", 0)).hasMessageContaining("header is not a JSON object");
        rejects(RawFiles.withHeader(dir, "\"text\"", 0)).hasMessageContaining("header is not a JSON object");
        rejects(RawFiles.withHeader(dir, " {}", 0)).hasMessageContaining("header is not a JSON object");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] body = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};
        rejects(RawFiles.withLength(dir, body.length, body)).hasMessageContaining("header is not valid UTF-8");
    }

    @Test
    void entryNotAnObject() throws IOException {
        rejects(header("{\"w\":[1,2]}", 0)).hasMessageContaining("tensor 'w': entry is a BEGIN_ARRAY, not an object");
    }

    @Test
    void missingAndMistypedFields() throws IOException {
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8))
                .hasMessageContaining("tensor 'w': entry lacks data_offsets");
        rejects(header("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8)).hasMessageContaining("entry lacks dtype");
        rejects(header("{\"w\":{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("tensor 'w': dtype is a NUMBER, not a string");
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("tensor 'w': shape is a NUMBER, not an array");
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("shape holds a STRING, not an integer");
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8.0]}}", 8))
                .hasMessageContaining("data_offsets holds 8.0, not an integer");
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,16]}}", 8))
                .hasMessageContaining("data_offsets [0, 8, 16] must be [begin, end]");
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1e20],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("shape holds 1e20, not an integer within 64 bits");
        rejects(header("{\"__metadata__\":{\"format\":1}}", 0)).hasMessageContaining("value of 'format' is a NUMBER");
        rejects(header("{\"__metadata__\":[]}", 0))
                .hasMessageContaining("__metadata__ is a BEGIN_ARRAY, not an object");
    }

    @Test
    void unknownDtype() throws IOException {
        rejects(header("{\"w\":{\"dtype\":\"Q4_K\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("tensor 'w': unknown dtype 'Q4_K'");
    }

    @Test
    void shapeDisagreesWithTheBytes() throws IOException {
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("tensor 'w': shape [3] of F32 needs 12 bytes but data_offsets [0, 8] hold 8");
    }

    @Test
    void negativeDimension() throws IOException {
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2, -1],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("tensor 'w': shape [-2, -1] has a negative dimension");
    }

    @Test
    void overflowingShapeProduct() throws IOException {
        // 2^31 * 2^31 elements fit in a long, but times 4 bytes they do not.
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483648,2147483648],\"data_offsets\":[0,8]}}", 8))
                .hasMessageContaining("tensor 'w': shape [2147483648, 2147483648] of F32 overflows");
    }

    @Test
    void offsetsBeyondTheData() throws IOException {
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8))
                .hasMessageContaining("tensor 'w': data_offsets [0, 16] run past the data section of 8 bytes");
        rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[9223372036854775807,"
                + "9223372036854775807]}}", 8))
                .hasMessageContaining("tensor 'w': data_offsets").hasMessageContaining("run past");
    }

    @Test
    void offsetsBackwardsOrNegative() throws IOException {
        rejects(header("{\"w\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[8,4]}}", 8))
                .hasMessageContaining("tensor 'w': data_offsets [8, 4] are not 0 <= begin <= end");
        rejects(header("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[-4,0]}}", 8))
                .hasMessageContaining("data_offsets [-4, 0] are not 0 <= begin <= end");
    }

    @Test
    void overlappingOffsets() throws IOException {
        String b = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}";
        rejects(header("{\"a\":" + GOOD_ENTRY + ",\"b\":" + b + "}", 12))
                .hasMessageContaining("tensor 'b': bytes [4, 12) overlap tensor 'a' [0, 8)");
    }

    @Test
    void duplicateNames() throws IOException {
        rejects(header("{\"a\":" + GOOD_ENTRY + ",\"a\":" + GOOD_ENTRY + "}", 8))
                .hasMessageContaining("tensor 'a': appears twice in the header");
    }

    /** Holes are rejected, like the reference: a gap between tensors, and bytes after the last one. */
    @Test
    void holesInTheData() throws IOException {
        String b = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}";
        rejects(header("{\"a\":" + GOOD_ENTRY + ",\"b\":" + b + "}", 16))
                .hasMessageContaining("tensor 'b': data section bytes [8, 12) before it belong to no tensor");
        rejects(header("{\"a\":" + GOOD_ENTRY + "}", 9))
                .hasMessageContaining("data section bytes [8, 9) belong to no tensor; holes are not allowed");
    }

    @Test
    void missingFileOrADirectory() {
        rejects(dir.resolve("absent.safetensors")).hasMessageContaining("cannot read");
        rejects(dir).hasMessageContaining("cannot read");
    }

    /** Never anything but a CheckpointException (or a file that loads), whatever the bytes. */
    @Test
    void randomDamageNeverEscapesAsAnythingElse() throws IOException {
        byte[] good = Files.readAllBytes(valid());
        Random random = new Random(1);
        int opened = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int round = 0; round < 3000; round++) {
                byte[] bad = Arrays.copyOf(good, random.nextInt(good.length + 8));
                for (int flips = random.nextInt(4); flips >= 0; flips--) {
                    if (bad.length > 0) {
                        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                    }
                }
                Path file = RawFiles.bytes(dir, bad);
                try (SafetensorsFile st = SafetensorsFile.open(file)) {
                    opened++;
                    for (TensorEntry e : st.entries().values()) {
                        try {
                            st.load(manager, e.name(), DataType.FLOAT32).close();
                        } catch (CheckpointException expected) {
                            assertThat(expected).hasMessageContaining(file.toString());
                        }
                    }
                } catch (CheckpointException expected) {
                    assertThat(expected).hasMessageContaining(file.toString());
                } catch (RuntimeException other) {
                    fail("unexpected " + other + " for " + HexFormat.of().formatHex(bad), other);
                }
                Files.delete(file);
            }
        }
        assertThat(opened).isPositive();
    }

    /** a: F32[2] at [0, 8); b: U8[5] at [8, 13). */
    private Path valid() throws IOException {
        Path file = dir.resolve("valid.safetensors");
        new SafetensorsWriter().add("a", Dtype.F32, new long[] {2}, new float[] {1, 2})
                .add("b", Dtype.U8, new long[] {5}, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5})).write(file);
        return file;
    }

    private Path header(String json, int dataBytes) throws IOException {
        return RawFiles.withHeader(dir, json, dataBytes);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(Path file) {
        return assertThatThrownBy(() -> SafetensorsFile.open(file).close())
                .isExactlyInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(file + ": ");
    }
}
