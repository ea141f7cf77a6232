package io.gitplatform.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.io.Npy;
import io.gitplatform.spi.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageProcessorTests {

    private static final Path FIXTURES = TestImages.preprocessFixtures();
    private static final int IMAGES = 7;

    /** transformers' PIL path (Pillow resize, numpy crop/rescale/normalise) on every fixture image. */
    @ParameterizedTest
    @ValueSource(strings = {"clip224", "videomae224", "videomae64"})
    void matchesTransformersPilProcessor(String setting) throws IOException {
        ImageProcessor processor = new ImageProcessor(
                ImageProcessorConfig.read(FIXTURES.resolve("preprocessor_config_" + setting + ".json")));
        double maxDiff = 0;
        for (int i = 0; i < IMAGES; i++) {
            Npy.FloatArray expected = Npy.readFloats(FIXTURES.resolve("img" + i + "_" + setting + "_pil.npy"));
            assertThat(expected.shape()).containsExactly(3, processor.height(), processor.width());
            float[] actual = processor.preprocess(read("img" + i + ".png"));
            assertThat(actual).hasSameSizeAs(expected.data());
            for (int j = 0; j < actual.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[j] - expected.data()[j]));
            }
        }
        System.out.printf("preprocess %s: max abs diff %.3g over %d images%n", setting, maxDiff, IMAGES);
        assertThat(maxDiff).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void framesAreConcatenatedInOrder() throws IOException {
        ImageProcessor processor = new ImageProcessor(
                ImageProcessorConfig.read(FIXTURES.resolve("preprocessor_config_videomae64.json")));
        RgbImage a = read("img0.png");
        RgbImage b = read("img6.png");
        float[] frames = processor.preprocessFrames(List.of(a, b, a));
        int size = 3 * 64 * 64;
        assertThat(frames).hasSize(3 * size);
        float[] expected = new float[3 * size];
        System.arraycopy(processor.preprocess(a), 0, expected, 0, size);
        System.arraycopy(processor.preprocess(b), 0, expected, size, size);
        System.arraycopy(processor.preprocess(a), 0, expected, 2 * size, size);
        assertThat(frames).containsExactly(expected);
    }

    @Test
    void longSideIsFlooredAndFollowsOrientation() {
        ImageProcessor processor = new ImageProcessor(config(224, 0, 0, true, 224, 224));
        assertThat(processor.resizedSize(60, 100)).containsExactly(224, 373); // 373.33
        assertThat(processor.resizedSize(131, 97)).containsExactly(302, 224); // 302.5
        assertThat(processor.resizedSize(5, 2000)).containsExactly(224, 89600);
        assertThat(processor.resizedSize(224, 224)).containsExactly(224, 224);
    }

    @Test
    void explicitSizeIgnoresAspectRatio() {
        ImageProcessor processor = new ImageProcessor(config(0, 30, 40, false, 0, 0));
        assertThat(processor.resizedSize(60, 100)).containsExactly(30, 40);
        assertThat(processor.height()).isEqualTo(30);
        assertThat(processor.width()).isEqualTo(40);
        assertThat(processor.preprocess(TestImages.gradient(100, 60))).hasSize(3 * 30 * 40);
    }

    /** transformers pads a too-small image with zero pixels before rescaling, placing it at ceil(pad / 2). */
    @Test
    void cropLargerThanImagePadsWithZeroPixels() {
        ImageProcessorConfig c = new ImageProcessorConfig(ImageProcessorConfig.VIDEO_MAE, false, 0, 0, 0, 2, true,
                4, 5, true, 1 / 255.0, true, new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5});
        RgbImage image = new RgbImage(2, 1, new byte[] {(byte) 255, (byte) 255, (byte) 255, 0, 0, 0});
        float[] out = new ImageProcessor(c).preprocess(image);
        // rows: pad 3 -> image at row 2; columns: pad 3 -> image at columns 2..3.
        float pad = -1f;
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    float expected = y == 2 && x == 2 ? 1f : y == 2 && x == 3 ? -1f : pad;
                    assertThat(out[ch * 20 + y * 5 + x]).as("c%d y%d x%d", ch, y, x).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void cropWindowUsesFloorDivision() {
        // 3x6 image, crop 2x3: top = (3 - 2) // 2 = 0, left = (6 - 3) // 2 = 1.
        ImageProcessorConfig c = new ImageProcessorConfig(ImageProcessorConfig.CLIP, false, 0, 0, 0, 3, true, 2, 3,
                false, 1, false, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        RgbImage image = TestImages.gradient(6, 3);
        float[] out = new ImageProcessor(c).preprocess(image);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(out[y * 3 + x]).isEqualTo(image.get(x + 1, y, 0));
            }
        }
    }

    @Test
    void rescaleIsFloat64ThenFloat32AndNormaliseIsFloat32() {
        ImageProcessor processor = new ImageProcessor(config(224, 0, 0, true, 224, 224));
        float[] out = processor.preprocess(new RgbImage(1, 1, new byte[] {(byte) 200, 7, (byte) 255}));
        float x = (float) (200 * 0.00392156862745098);
        assertThat(out[0]).isEqualTo((x - 0.48145466f) / 0.26862954f);
    }

    @Test
    void rejectsAnOutputSizeThatDependsOnTheImage() {
        assertThatThrownBy(() -> new ImageProcessor(config(224, 0, 0, false, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed size");
    }

    private static ImageProcessorConfig config(int shortest, int h, int w, boolean crop, int cropH, int cropW) {
        return new ImageProcessorConfig(ImageProcessorConfig.CLIP, true, shortest, h, w, 3, crop, cropH, cropW, true,
                1 / 255.0, true, ImageProcessorConfig.CLIP_MEAN, ImageProcessorConfig.CLIP_STD);
    }

    private static RgbImage read(String name) throws IOException {
        return Images.fromBufferedImage(ImageIO.read(FIXTURES.resolve(name).toFile()));
    }
}
