package io.gitplatform.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes as a safetensors file: {@link SafetensorsFile#open} and loading every tensor either work or throw a
 * {@link CheckpointException}; nothing else escapes, nothing crashes the JVM. The seeds (committed under
 * {@code SafetensorsFuzzTestInputs/openAndLoad}) are small valid files of each dtype and past findings.
 */
class SafetensorsFuzzTest {
    private static Path file;
    private static NDManager manager;

    @BeforeAll
    static void setUp() throws IOException {
        file = Files.createTempFile("fuzz", ".safetensors");
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() throws IOException {
        manager.close();
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "10s")
    void openAndLoad(byte[] bytes) throws IOException {
        Files.write(file, bytes);
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager step = manager.newSubManager()) {
            for (TensorEntry e : st.entries().values()) {
                assertThat(st.slice(e.name()).remaining()).isEqualTo(e.byteSize());
                loadIfFloat(st, step, e);
            }
        } catch (CheckpointException expected) {
            assertThat(expected).hasMessageContaining(file.toString());
        }
    }

    private static void loadIfFloat(SafetensorsFile st, NDManager step, TensorEntry e) {
        if (e.dtype() != Dtype.F32 && e.dtype() != Dtype.F16 && e.dtype() != Dtype.BF16) {
            return;
        }
        for (DataType target : new DataType[] {DataType.FLOAT32, DataType.FLOAT16}) {
            NDArray a = st.load(step, e.name(), target);
            assertThat(a.getShape().getShape()).containsExactly(e.shape());
            assertThat(a.getDataType()).isEqualTo(target);
        }
    }
}
