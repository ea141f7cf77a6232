package io.gitplatform.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.spi.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagesTests {

    @Test
    void bgrBytesBecomeRgb() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, 0x102030);
        image.setRGB(1, 0, 0xFFFEFD);
        assertThat(Images.fromBufferedImage(image).rgb()).containsExactly(bytes(0x10, 0x20, 0x30, 0xFF, 0xFE, 0xFD));
    }

    /** PIL's convert("RGB") drops alpha: even a fully transparent pixel keeps its colour, with no compositing. */
    @Test
    void alphaIsDropped() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00C08040);
        image.setRGB(1, 0, 0x80010203);
        assertThat(Images.fromBufferedImage(image).rgb()).containsExactly(bytes(0xC0, 0x80, 0x40, 1, 2, 3));
    }

    /** getRGB would brighten Java's linear grey (128 -> 188); PIL's L -> RGB repeats the level. */
    @Test
    void greyLevelsAreRepeatedUnchanged() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        byte[] expected = bytes(0, 0, 0, 128, 128, 128, 255, 255, 255);
        assertThat(Images.fromBufferedImage(grey).rgb()).containsExactly(expected);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", png);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(Images.fromBufferedImage(decoded).rgb()).containsExactly(expected);
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 32896, 65535});
        assertThat(Images.fromBufferedImage(grey).rgb()).containsExactly(bytes(0, 0, 0, 128, 128, 128, 255, 255, 255));
    }

    @Test
    void paletteIndicesAreLookedUp() {
        byte[] r = bytes(10, 200);
        byte[] g = bytes(20, 100);
        byte[] b = bytes(30, 0);
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(1, 2, r, g, b));
        image.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});
        assertThat(Images.fromBufferedImage(image).rgb()).containsExactly(bytes(200, 100, 0, 10, 20, 30));
    }

    @Test
    void roundTripsThroughBufferedImage() {
        RgbImage image = TestImages.gradient(7, 5);
        BufferedImage buffered = Images.toBufferedImage(image);
        assertThat(buffered.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(buffered.getRGB(3, 2) & 0xFFFFFF)
                .isEqualTo(image.get(3, 2, 0) << 16 | image.get(3, 2, 1) << 8 | image.get(3, 2, 2));
        assertThat(Images.fromBufferedImage(buffered)).usingRecursiveComparison().isEqualTo(image);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
