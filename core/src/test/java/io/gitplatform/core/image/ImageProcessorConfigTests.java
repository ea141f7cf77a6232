package io.gitplatform.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageProcessorConfigTests {

    @TempDir
    Path dir;

    @Test
    void readsTheFixtureSettings() {
        Path fixtures = TestImages.preprocessFixtures();
        ImageProcessorConfig clip = ImageProcessorConfig.read(fixtures.resolve("preprocessor_config_clip224.json"));
        assertThat(clip.image_processor_type()).isEqualTo(ImageProcessorConfig.CLIP);
        assertThat(clip.resample()).isEqualTo(ImageProcessorConfig.BICUBIC);
        assertThat(clip.shortest_edge()).isEqualTo(224);
        ImageProcessorConfig mae = ImageProcessorConfig.read(fixtures.resolve("preprocessor_config_videomae64.json"));
        assertThat(mae.image_processor_type()).isEqualTo(ImageProcessorConfig.VIDEO_MAE);
        assertThat(mae.resample()).isEqualTo(ImageProcessorConfig.BILINEAR);
        assertThat(mae.crop_height()).isEqualTo(64);
        assertThat(mae.image_mean()).containsExactly(0.5, 0.5, 0.5);
    }

    /** Older CLIP files (git-base era) give {@code "size": 224, "crop_size": 224}; transformers still reads them. */
    @Test
    void legacyIntSizesMeanShortestEdgeAndSquareCrop() throws IOException {
        ImageProcessorConfig c = read("""
                {"feature_extractor_type": "CLIPFeatureExtractor", "size": 256, "crop_size": 240, "resample": 3}""");
        assertThat(c.image_processor_type()).isEqualTo(ImageProcessorConfig.CLIP);
        assertThat(c.shortest_edge()).isEqualTo(256);
        assertThat(c.crop_height()).isEqualTo(240);
        assertThat(c.crop_width()).isEqualTo(240);
    }

    @Test
    void sizePairIsHeightThenWidth() throws IOException {
        ImageProcessorConfig c = read("""
                {"image_processor_type": "CLIPImageProcessor", "size": [30, 40], "crop_size": [20, 10]}""");
        assertThat(c.shortest_edge()).isZero();
        assertThat(c.size_height()).isEqualTo(30);
        assertThat(c.size_width()).isEqualTo(40);
        assertThat(c.crop_height()).isEqualTo(20);
        assertThat(c.crop_width()).isEqualTo(10);
    }

    /** A VideoMAE file naming only its feature extractor must not fall back to CLIP's bicubic and CLIP mean/std. */
    @Test
    void featureExtractorTypeSelectsTheProcessorDefaults() throws IOException {
        ImageProcessorConfig c = read("""
                {"feature_extractor_type": "VideoMAEFeatureExtractor"}""");
        assertThat(c.image_processor_type()).isEqualTo(ImageProcessorConfig.VIDEO_MAE);
        assertThat(c.resample()).isEqualTo(ImageProcessorConfig.BILINEAR);
        assertThat(c.image_std()).containsExactly(0.5, 0.5, 0.5);
    }

    @Test
    void backendSuffixesShareTheSettings() throws IOException {
        assertThat(read("{\"image_processor_type\": \"CLIPImageProcessorFast\"}").image_processor_type())
                .isEqualTo(ImageProcessorConfig.CLIP);
        assertThat(read("{\"image_processor_type\": \"VideoMAEImageProcessorPil\"}").image_processor_type())
                .isEqualTo(ImageProcessorConfig.VIDEO_MAE);
    }

    @Test
    void rejectsAMalformedSize() {
        assertThatThrownBy(() -> read("{\"size\": [1, 2, 3]}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> read("{\"size\": \"big\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("size");
    }

    private ImageProcessorConfig read(String json) throws IOException {
        Path file = dir.resolve("preprocessor_config.json");
        Files.writeString(file, json);
        return ImageProcessorConfig.read(file);
    }
}
