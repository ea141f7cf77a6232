package io.gitplatform.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.image.ImageProcessor;
import io.gitplatform.core.image.ImageProcessorConfig;
import io.gitplatform.spi.RgbImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The try-it page streams captions from the frames this endpoint returns: they must give the model the very pixels
 * the original frames give, i.e. the processor's own resize must then change nothing.
 */
class UiFramesControllerTests {
    private static final double[] HALF = {0.5, 0.5, 0.5};

    @ParameterizedTest
    @CsvSource({"VideoMAEImageProcessor, 2, 1280, 720", "CLIPImageProcessor, 3, 333, 500",
            "CLIPImageProcessor, 3, 64, 64", "VideoMAEImageProcessor, 2, 100, 90"})
    void framesAtModelSizeGiveTheModelThePixelsOfTheOriginal(String type, int resample, int width, int height) {
        ImageProcessorConfig config = new ImageProcessorConfig(type, true, 224, 0, 0, resample, true, 224, 224, true,
                1 / 255.0, true, HALF, HALF);
        byte[] rgb = new byte[width * height * 3];
        new Random(width * 31L + height).nextBytes(rgb);
        RgbImage original = new RgbImage(width, height, rgb);

        RgbImage sent = UiFramesController.toModelSize(original, config);

        assertThat(Math.min(sent.width(), sent.height())).isEqualTo(224);
        ImageProcessor processor = new ImageProcessor(config);
        assertThat(processor.preprocess(sent)).isEqualTo(processor.preprocess(original));
    }
}
