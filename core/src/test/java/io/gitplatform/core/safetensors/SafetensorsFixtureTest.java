package io.gitplatform.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the tiny random GIT checkpoint that transformers wrote; its names and shapes follow from its config. */
class SafetensorsFixtureTest {

    static final Path FIXTURE = Path.of(System.getProperty("shared.dir", "../../shared"))
            .resolve("fixtures/git-tiny-random");
    static final Path MODEL = FIXTURE.resolve("model.safetensors");

    @Test
    void namesAndShapesMatchTheConfig() throws IOException {
        Map<String, long[]> expected = expectedShapes(
                JsonParser.parseString(Files.readString(FIXTURE.resolve("config.json"))).getAsJsonObject());
        try (SafetensorsFile file = SafetensorsFile.open(MODEL)) {
            assertThat(file.entries()).hasSize(87).hasSameSizeAs(expected);
            assertThat(file.metadata()).containsExactly(Map.entry("format", "pt"));
            expected.forEach((name, shape) -> {
                assertThat(file.entries()).containsKey(name);
                assertThat(file.entry(name).shape()).as(name).containsExactly(shape);
                assertThat(file.entry(name).dtype()).isEqualTo(Dtype.F32);
            });
            assertThat(new java.util.ArrayList<>(file.entries().keySet())).isSorted(); // header order, as written
            assertThat(file.entry("output.weight").numel()).isEqualTo(30522L * 32);
            assertThat(file.entry("output.weight").byteSize()).isEqualTo(30522L * 32 * 4);
        }
    }

    @Test
    void loadsAsFloat32ZeroCopyAndAsFloat16() {
        try (SafetensorsFile file = SafetensorsFile.open(MODEL); NDManager manager = NDManager.newBaseManager()) {
            String name = "git.encoder.layer.0.attention.self.query.weight";
            FloatBuffer raw = file.slice(name).asFloatBuffer();
            float[] expected = new float[raw.remaining()];
            raw.get(expected);

            NDArray f32 = file.load(manager, name, DataType.FLOAT32);
            assertThat(f32.getShape().getShape()).containsExactly(32, 32);
            assertThat(f32.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(f32.toFloatArray()).containsExactly(expected);

            NDArray f16 = file.load(manager, name, DataType.FLOAT16);
            assertThat(f16.getDataType()).isEqualTo(DataType.FLOAT16);
            float[] widened = f16.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(widened[i]).isEqualTo(HalfFloats.f16ToFloat(HalfFloats.toF16(expected[i])));
            }
        }
    }

    @Test
    void everyTensorLoads() {
        try (SafetensorsFile file = SafetensorsFile.open(MODEL); NDManager manager = NDManager.newBaseManager()) {
            for (TensorEntry e : file.entries().values()) {
                try (NDArray a = file.load(manager, e.name(), DataType.FLOAT32)) {
                    assertThat(a.getShape().getShape()).as(e.name()).containsExactly(e.shape());
                }
            }
        }
    }

    /** Rewriting the fixture's tensors gives the very bytes transformers (the reference writer) produced. */
    @Test
    void writerReproducesTheFixtureByteForByte(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("copy.safetensors");
        try (SafetensorsFile file = SafetensorsFile.open(MODEL)) {
            SafetensorsWriter writer = new SafetensorsWriter();
            file.metadata().forEach(writer::metadata);
            file.entries().values().forEach(e -> writer.add(e.name(), e.dtype(), e.shape(), file.slice(e.name())));
            writer.write(copy);
        }
        assertThat(Files.mismatch(MODEL, copy)).isEqualTo(-1L);
    }

    /** The names and shapes transformers' GitForCausalLM has for this config. */
    static Map<String, long[]> expectedShapes(JsonObject config) {
        JsonObject vision = config.getAsJsonObject("vision_config");
        long h = config.get("hidden_size").getAsLong();
        long inter = config.get("intermediate_size").getAsLong();
        long vocab = config.get("vocab_size").getAsLong();
        long vh = vision.get("hidden_size").getAsLong();
        long vInter = vision.get("intermediate_size").getAsLong();
        long patch = vision.get("patch_size").getAsLong();
        long patches = (vision.get("image_size").getAsLong() / patch) * (vision.get("image_size").getAsLong() / patch);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        String emb = "git.embeddings.";
        shapes.put(emb + "word_embeddings.weight", new long[] {vocab, h});
        long positions = config.get("max_position_embeddings").getAsLong();
        shapes.put(emb + "position_embeddings.weight", new long[] {positions, h});
        layerNorm(shapes, emb + "LayerNorm", h);
        for (int i = 0; i < config.get("num_hidden_layers").getAsInt(); i++) {
            String l = "git.encoder.layer." + i + ".";
            for (String p : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                linear(shapes, l + p, h, h);
            }
            layerNorm(shapes, l + "attention.output.LayerNorm", h);
            linear(shapes, l + "intermediate.dense", h, inter);
            linear(shapes, l + "output.dense", inter, h);
            layerNorm(shapes, l + "output.LayerNorm", h);
        }
        String v = "git.image_encoder.vision_model.";
        shapes.put(v + "embeddings.class_embedding", new long[] {vh});
        shapes.put(v + "embeddings.patch_embedding.weight",
                new long[] {vh, vision.get("num_channels").getAsLong(), patch, patch});
        shapes.put(v + "embeddings.position_embedding.weight", new long[] {patches + 1, vh});
        layerNorm(shapes, v + "pre_layrnorm", vh);
        for (int i = 0; i < vision.get("num_hidden_layers").getAsInt(); i++) {
            String l = v + "encoder.layers." + i + ".";
            for (String p : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                linear(shapes, l + "self_attn." + p, vh, vh);
            }
            layerNorm(shapes, l + "layer_norm1", vh);
            layerNorm(shapes, l + "layer_norm2", vh);
            linear(shapes, l + "mlp.fc1", vh, vInter);
            linear(shapes, l + "mlp.fc2", vInter, vh);
        }
        layerNorm(shapes, v + "post_layernorm", vh);
        for (int f = 0; f < config.get("num_image_with_embedding").getAsInt(); f++) {
            shapes.put("git.img_temperal_embedding." + f, new long[] {1, 1, vh});
        }
        linear(shapes, "git.visual_projection.visual_projection.0", vh, h);
        layerNorm(shapes, "git.visual_projection.visual_projection.1", h);
        linear(shapes, "output", h, vocab);
        return shapes;
    }

    private static void linear(Map<String, long[]> shapes, String prefix, long in, long out) {
        shapes.put(prefix + ".weight", new long[] {out, in});
        shapes.put(prefix + ".bias", new long[] {out});
    }

    private static void layerNorm(Map<String, long[]> shapes, String prefix, long size) {
        shapes.put(prefix + ".weight", new long[] {size});
        shapes.put(prefix + ".bias", new long[] {size});
    }
}
