package io.gitplatform.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.core.generate.Generation;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.Generator;
import io.gitplatform.core.image.ImageProcessor;
import io.gitplatform.core.image.ImageProcessorConfig;
import io.gitplatform.core.image.Images;
import io.gitplatform.core.testing.SharedFixtures;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TokenListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trained tiny model's 16 samples, from PNG frames through Java preprocessing, give transformers' exact ids. */
class TinyShapesSamplesTests {
    private static GitModel model;
    private static Generator generator;
    private static GitModel half;
    private static Generator halfGenerator;
    private static ImageProcessor processor;

    @BeforeAll
    static void load() {
        Path folder = SharedFixtures.tinyShapes();
        model = GitModel.load(folder, DataType.FLOAT32, Device.cpu());
        GenerationConfig gen = GenerationConfig.read(folder.resolve("generation_config.json"), model.config());
        generator = new Generator(model, gen.eos_token_id(), gen.pad_token_id());
        half = GitModel.load(folder, DataType.FLOAT16, Device.cpu());
        halfGenerator = new Generator(half, gen.eos_token_id(), gen.pad_token_id());
        processor = new ImageProcessor(ImageProcessorConfig.read(folder.resolve("preprocessor_config.json")));
    }

    @AfterAll
    static void close() {
        model.close();
        half.close();
    }

    static Stream<JsonObject> samples() throws Exception {
        JsonArray all = JsonParser.parseString(Files.readString(SharedFixtures.tinyShapes().resolve("samples.json")))
                .getAsJsonArray();
        List<JsonObject> out = new ArrayList<>();
        all.forEach(e -> out.add(e.getAsJsonObject()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleGivesTheReferenceIds(JsonObject sample) throws Exception {
        assertThat(generate(model, generator, sample)).as(sample.get("name").getAsString())
                .containsExactly(ids(sample.getAsJsonArray("reference_output_ids")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void float16GivesTheSameIds(JsonObject sample) throws Exception {
        assertThat(generate(half, halfGenerator, sample)).as(sample.get("name").getAsString())
                .containsExactly(ids(sample.getAsJsonArray("reference_output_ids")));
    }

    private static long[] generate(GitModel m, Generator g, JsonObject sample) throws Exception {
        String name = sample.get("name").getAsString();
        int frames = sample.get("frames").getAsInt();
        List<RgbImage> images = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            Path png = SharedFixtures.tinyShapes().resolve("samples/" + name + "_f" + f + ".png");
            images.add(Images.fromBufferedImage(ImageIO.read(png.toFile())));
        }
        float[] pixels = processor.preprocessFrames(images);
        boolean video = frames > 1;
        try (ImagePrefix prefix = m.encode(pixels, 1, video ? frames : 0)) {
            List<Generation> out = g.generate(prefix, List.of(new long[] {m.config().bos_token_id()}),
                    GenerationOptions.greedy(20), TokenListener.NONE, () -> false);
            return out.get(0).sequence();
        }
    }

    private static long[] ids(JsonArray a) {
        long[] out = new long[a.size()];
        int i = 0;
        for (JsonElement e : a) {
            out[i++] = e.getAsLong();
        }
        return out;
    }
}
