package io.gitplatform.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.SharedFixtures;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TokenListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Videos rendered like the embedded model's training data, encoded by FFmpeg, decoded and captioned end to end: the
 * caption names the shape and its colour.
 */
class VideoCaptioningTests extends EmbeddedPipelineTest {
    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    /** Every shape in every colour, the background cycling, each as H.264 MP4 and as VP9 WebM. */
    static Stream<Arguments> scenes() {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (Shape shape : Shape.values()) {
            for (ShapeColor color : ShapeColor.values()) {
                Background bg = Background.values()[i % Background.values().length];
                Direction dir = Direction.values()[i % Direction.values().length];
                i++;
                for (VideoFormat format : List.of(VideoFormat.MP4_H264, VideoFormat.WEBM_VP9)) {
                    out.add(Arguments.of(new Scene(shape, color, bg, dir), format));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("scenes")
    void captionNamesColourAndShape(Scene scene, VideoFormat format) {
        Path file = tmp.resolve(scene.shape() + "-" + scene.color() + "-" + scene.background() + "." + format.extension);
        ShapeVideos.write(ShapeVideos.render(scene, 6), 6, format, file);
        DecodedMedia media = DECODER.decode(file, pipeline.videoFrames());
        assertThat(media.kind()).isEqualTo(DecodedMedia.Kind.VIDEO);
        assertThat(media.frames()).hasSize(6);
        try (EncodedInput input = pipeline.encode(media.frames(), true)) {
            String caption = pipeline.caption(input, GenerationOptions.greedy(20), TokenListener.NONE, () -> false)
                    .text();
            assertThat(caption).as(file.getFileName().toString())
                    .startsWith("a " + name(scene.color()) + " " + name(scene.shape()) + " moving ");
        }
    }

    static Stream<JsonObject> samples() throws Exception {
        List<JsonObject> out = new ArrayList<>();
        JsonParser.parseString(Files.readString(SharedFixtures.tinyShapes().resolve("samples.json"))).getAsJsonArray()
                .forEach(e -> out.add(e.getAsJsonObject()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplePngsGiveTheReferenceCaption(JsonObject sample) {
        String name = sample.get("name").getAsString();
        int frames = sample.get("frames").getAsInt();
        List<RgbImage> images = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            Path png = SharedFixtures.tinyShapes().resolve("samples/" + name + "_f" + f + ".png");
            images.add(DECODER.decode(png, 1).frames().get(0));
        }
        try (EncodedInput input = pipeline.encode(images, frames > 1)) {
            assertThat(pipeline.caption(input, pipeline.defaultOptions(), TokenListener.NONE, () -> false).text())
                    .isEqualTo(sample.get("reference_caption").getAsString());
        }
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
