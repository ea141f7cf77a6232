package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.gitplatform.core.io.Npy;
import io.gitplatform.core.parity.ParityRunner;
import io.gitplatform.core.safetensors.CheckpointException;
import io.gitplatform.core.safetensors.Dtype;
import io.gitplatform.core.safetensors.SafetensorsFile;
import io.gitplatform.core.safetensors.SafetensorsWriter;
import io.gitplatform.core.safetensors.TensorEntry;
import io.gitplatform.core.testing.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same weights written differently load to the same model; wrong weights are named in the error. */
class CheckpointVariantsTests {

    @TempDir
    Path tmp;

    @Test
    void newTemporalSpellingPassesEveryParityCase() throws Exception {
        Path folder = copyFixture(name -> name.replace("img_temperal_embedding", "img_temporal_embedding"), Dtype.F32);
        List<ParityRunner.CaseResult> results = ParityRunner.run(folder, new PrintStream(new ByteArrayOutputStream()));
        assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
    }

    @Test
    void bfloat16AndFloat16FilesLoadAsTheirFloat32Values() throws Exception {
        for (Dtype half : List.of(Dtype.BF16, Dtype.F16)) {
            Path narrow = copyFixture(UnaryOperator.identity(), half);
            // The same values, already rounded, stored as float32: loading must give identical logits.
            Path rounded = roundTrip(narrow, "rounded-" + half);
            assertThat(teacherForcedLogits(narrow)).as(half.name()).containsExactly(teacherForcedLogits(rounded));
        }
    }

    @Test
    void float16ComputeStaysCloseToFloat32() throws Exception {
        float[] full = teacherForcedLogits(SharedFixtures.tinyRandom(), DataType.FLOAT32);
        float[] half = teacherForcedLogits(SharedFixtures.tinyRandom(), DataType.FLOAT16);
        double max = 0;
        for (int i = 0; i < full.length; i++) {
            max = Math.max(max, Math.abs(full[i] - half[i]));
        }
        assertThat(max).isLessThan(0.05);
    }

    @Test
    void missingMisshapedAndUnexpectedTensorsAreAllNamed() throws Exception {
        Path folder = tmp.resolve("broken");
        Files.createDirectories(folder);
        Files.copy(SharedFixtures.tinyRandom().resolve("config.json"), folder.resolve("config.json"));
        try (SafetensorsFile in = SafetensorsFile.open(SharedFixtures.tinyRandom().resolve("model.safetensors"))) {
            SafetensorsWriter w = new SafetensorsWriter();
            for (TensorEntry e : in.entries().values()) {
                if (e.name().equals("git.embeddings.LayerNorm.bias")) {
                    continue; // missing
                }
                float[] values = floats(in, e);
                long[] shape = e.shape();
                if (e.name().equals("output.bias")) {
                    shape = new long[] {1, values.length}; // mis-shaped
                }
                w.add(e.name(), Dtype.F32, shape, values);
            }
            w.add("git.extra.weight", Dtype.F32, new long[] {2}, new float[] {1, 2}); // unexpected
            w.write(folder.resolve("model.safetensors"));
        }
        assertThatThrownBy(() -> GitModel.load(folder, DataType.FLOAT32, Device.cpu()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(folder.resolve("model.safetensors").toString())
                .hasMessageContaining("missing tensors:").hasMessageContaining("git.embeddings.LayerNorm.bias")
                .hasMessageContaining("wrong shape").hasMessageContaining("output.bias: expected [30522], found [1, 30522]")
                .hasMessageContaining("unexpected tensors:").hasMessageContaining("git.extra.weight");
    }

    @Test
    void aMissingWeightsFileIsNamed() throws Exception {
        Path folder = tmp.resolve("no-weights");
        Files.createDirectories(folder);
        Files.copy(SharedFixtures.tinyRandom().resolve("config.json"), folder.resolve("config.json"));
        assertThatThrownBy(() -> GitModel.load(folder, DataType.FLOAT32, Device.cpu()))
                .hasMessageContaining("model.safetensors").hasMessageContaining("not found");
    }

    private float[] teacherForcedLogits(Path folder) throws IOException {
        return teacherForcedLogits(folder, DataType.FLOAT32);
    }

    /** Logits for every position of a 5-token text after the fixture's video, from the model in folder. */
    static float[] teacherForcedLogits(Path folder, DataType dtype) throws IOException {
        Npy.FloatArray video = Npy.readFloats(SharedFixtures.tinyRandom().resolve("pixel_values_video.npy"));
        long[] ids = {101, 1037, 2158, 2003, 2652};
        try (GitModel model = GitModel.load(folder, dtype, Device.cpu());
                ImagePrefix prefix = model.encode(video.data(), 1, 6);
                NDManager m = model.manager().newSubManager()) {
            return model.decode(m, prefix, model.newCache(m, 1), DecodeInput.sequence(ids)).toFloatArray();
        }
    }

    /** The fixture folder with renamed tensors stored as {@code dtype}. */
    private Path copyFixture(UnaryOperator<String> rename, Dtype dtype) throws IOException {
        Path folder = Files.createTempDirectory(tmp, "variant");
        try (Stream<Path> files = Files.list(SharedFixtures.tinyRandom())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals("model.safetensors")) {
                    Files.copy(f, folder.resolve(f.getFileName()));
                }
            }
        }
        try (SafetensorsFile in = SafetensorsFile.open(SharedFixtures.tinyRandom().resolve("model.safetensors"))) {
            SafetensorsWriter w = new SafetensorsWriter();
            for (TensorEntry e : in.entries().values()) {
                w.add(rename.apply(e.name()), dtype, e.shape(), floats(in, e));
            }
            w.write(folder.resolve("model.safetensors"));
        }
        return folder;
    }

    /** A float32 copy of a folder's checkpoint. */
    private Path roundTrip(Path source, String name) throws IOException {
        Path folder = tmp.resolve(name);
        Files.createDirectories(folder);
        Files.copy(source.resolve("config.json"), folder.resolve("config.json"));
        try (SafetensorsFile in = SafetensorsFile.open(source.resolve("model.safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            SafetensorsWriter w = new SafetensorsWriter();
            for (TensorEntry e : in.entries().values()) {
                w.add(e.name(), Dtype.F32, e.shape(), in.load(m, e.name(), DataType.FLOAT32).toFloatArray());
            }
            w.write(folder.resolve("model.safetensors"));
        }
        return folder;
    }

    private static float[] floats(SafetensorsFile in, TensorEntry e) {
        FloatBuffer fb = in.slice(e.name()).asFloatBuffer();
        float[] values = new float[fb.remaining()];
        fb.get(values);
        return values;
    }
}
