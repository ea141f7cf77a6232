package io.gitplatform.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What DJL does with direct buffers, and what that means for the mapping's lifetime. */
class ZeroCopyTest {

    @TempDir
    Path dir;

    /** PtNDManager.create(Buffer, ...) wraps a direct ByteBuffer (torch::from_blob) and copies a heap one. */
    @Test
    void djlWrapsDirectBuffersAndCopiesHeapBuffers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ByteBuffer direct = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            direct.putFloat(1).putFloat(2).flip();
            NDArray wrapped = manager.create(direct, new Shape(2), DataType.FLOAT32);
            direct.putFloat(0, 42);
            assertThat(wrapped.toFloatArray()).containsExactly(42, 2);

            ByteBuffer heap = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putFloat(1).putFloat(2).flip();
            NDArray copied = manager.create(heap, new Shape(2), DataType.FLOAT32);
            heap.putFloat(0, 42);
            assertThat(copied.toFloatArray()).containsExactly(1, 2);
        }
    }

    /** NDArray.set(Buffer) is no copy either: on CPU it re-points the tensor at a direct buffer. */
    @Test
    void djlSetWithADirectBufferAliasesIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.zeros(new Shape(2));
            ByteBuffer direct = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            direct.putFloat(1).putFloat(2).flip();
            array.set(direct);
            direct.putFloat(0, 42);
            assertThat(array.toFloatArray()).containsExactly(42, 2);
        }
    }

    /** A loaded F32 tensor reads the file's pages: a write to the file shows through; converted loads are copies. */
    @Test
    void sameTypeLoadsReadTheMappedFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("w", Dtype.F32, new long[] {2}, new float[] {1, 2}).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            NDArray mapped = st.load(manager, "w", DataType.FLOAT32);
            NDArray converted = st.load(manager, "w", DataType.FLOAT16);
            overwriteFloat(file, dataStart(file), 42);
            assertThat(mapped.toFloatArray()).containsExactly(42, 2);
            assertThat(converted.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(1, 2);
        }
    }

    /**
     * Views (transpose, reshape) of a zero-copy array hold no Java reference to the mapping. With the array closed
     * and the file closed, only the manager's keep-alive stops the GC from unmapping under them (without it this test
     * dies with SIGSEGV). Then the manager closes: the documented order, and nothing crashes.
     */
    @Test
    void viewsOutliveTheirArrayAndTheFileWhileTheManagerIsOpen() throws Exception {
        Path file = dir.resolve("v.safetensors");
        float[] values = SafetensorsWriterTest.randomFloats(1 << 20, 3);
        new SafetensorsWriter().add("w", Dtype.F32, new long[] {1024, 1024}, values).write(file);
        NDManager manager = NDManager.newBaseManager();
        SafetensorsFile st = SafetensorsFile.open(file);
        NDArray weight = st.load(manager, "w", DataType.FLOAT32);
        NDArray view = weight.transpose();
        weight.close();
        st.close();
        assertThatThrownBy(() -> st.load(manager, "w", DataType.FLOAT32)).hasMessageContaining("is closed");
        weight = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(Arrays.mismatch(view.transpose().toFloatArray(), values)).isEqualTo(-1);
        manager.close();
        System.gc();
    }

    /** The other order: the file closes first; the arrays keep working until their manager closes. */
    @Test
    void fileClosedBeforeTheManager() throws Exception {
        Path file = dir.resolve("o.safetensors");
        new SafetensorsWriter().add("w", Dtype.F32, new long[] {2}, new float[] {1, 2}).write(file);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight;
            try (SafetensorsFile st = SafetensorsFile.open(file)) {
                weight = st.load(manager, "w", DataType.FLOAT32);
            }
            System.gc();
            Thread.sleep(20);
            assertThat(weight.mul(2).toFloatArray()).containsExactly(2, 4);
        }
    }

    /** A tensor at an address not a multiple of its item size is copied into aligned torch memory, not wrapped. */
    @Test
    void misalignedTensorsAreCopied() throws IOException {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}"; // 57 bytes: data at 65
        ByteBuffer body = ByteBuffer.allocate(json.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        body.put(json.getBytes(StandardCharsets.US_ASCII)).putFloat(1).putFloat(2).putFloat(3);
        Path file = RawFiles.withLength(dir, json.length(), body.array());
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            NDArray w = st.load(manager, "w", DataType.FLOAT32);
            overwriteFloat(file, 8 + json.length(), 42);
            assertThat(w.toFloatArray()).containsExactly(1, 2, 3);
            assertThat(st.slice("w").getFloat(0)).isEqualTo(42);
        }
    }

    /**
     * A Java mapping holds under 2 GiB, so a bigger data section is mapped in windows. The file is sparse: 4.6 GB on
     * paper, a few KB on disk. Tensor d alone exceeds a mapping and is refused by name.
     */
    @Test
    void dataOver2GiBIsMappedInWindows() throws IOException {
        long a = 1_500_000_000L;
        long c = 1_000_000_000L;
        long d = 1L << 31;
        long bBegin = a;
        long cBegin = bBegin + 16;
        long dBegin = cBegin + c;
        long eBegin = dBegin + d;
        String json = "{" + entry("a", "U8", a, 0) + "," + entry("b", "F32", 4, bBegin) + ","
                + entry("c", "U8", c, cBegin) + "," + entry("d", "U8", d, dBegin) + "," + entry("e", "F32", 4, eBegin)
                + "}";
        Path file = dir.resolve("sparse.safetensors");
        long dataStart = 8 + json.length();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length()).array());
            raf.write(json.getBytes(StandardCharsets.US_ASCII));
            raf.setLength(dataStart + eBegin + 16);
        }
        overwriteFloat(file, dataStart + bBegin + 12, 7);
        overwriteFloat(file, dataStart + eBegin + 4, 9);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(st.load(manager, "b", DataType.FLOAT32).toFloatArray()).containsExactly(0, 0, 0, 7);
            assertThat(st.load(manager, "e", DataType.FLOAT32).toFloatArray()).containsExactly(0, 9, 0, 0);
            assertThat(st.slice("c").capacity()).isEqualTo((int) c);
            assertThatThrownBy(() -> st.slice("d")).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file + ": tensor 'd': 2147483648 bytes is more than");
        }
    }

    private static String entry(String name, String dtype, long elements, long begin) {
        long bytes = elements * (dtype.equals("F32") ? 4 : 1);
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + elements + "],\"data_offsets\":["
                + begin + "," + (begin + bytes) + "]}";
    }

    private static long dataStart(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(length, 0);
            return 8 + length.getLong(0);
        }
    }

    private static void overwriteFloat(Path file, long position, float value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value), position);
        }
    }
}
