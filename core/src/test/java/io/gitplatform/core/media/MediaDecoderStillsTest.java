package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.media.ShapeVideos.StillFormat;
import io.gitplatform.spi.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaDecoderStillsTest {

    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    @ParameterizedTest
    @EnumSource(StillFormat.class)
    void decodesEachStillFormatAsOneImage(StillFormat format) throws IOException {
        BufferedImage picture = landscapeWithMarker();
        byte[] bytes = ShapeVideos.still(picture, format);

        // The name says video: only the content counts.
        DecodedMedia media = DECODER.decode(bytes, "upload.mp4", 6);

        assertThat(media.kind()).isEqualTo(DecodedMedia.Kind.IMAGE);
        assertThat(media.frames()).hasSize(1);
        assertThat(media.frameIndices()).containsExactly(0);
        assertThat(media.timestampsSeconds()).containsExactly(0.0);
        assertThat(media.sourceFrameCount()).isEqualTo(1);
        assertThat(media.framesRepeated()).isFalse();
        assertThat(media.format()).isEqualTo(format.name().toLowerCase(Locale.ROOT));
        assertThat(media.width()).isEqualTo(80);
        assertThat(media.height()).isEqualTo(48);
        RgbImage image = media.frames().get(0);
        boolean lossy = format == StillFormat.JPEG || format == StillFormat.WEBP;
        assertThat(meanAbsoluteDifference(image, reference(bytes, picture, format))).isLessThan(lossy ? 4.0 : 0.0001);
    }

    /** PNG decoding is exact, as preprocessing parity with Pillow requires. */
    @ParameterizedTest
    @ValueSource(strings = {"clip0_f0.png", "clip6_f3.png", "image1_f0.png"})
    void decodesTheSharedSamplePngsExactly(String file) throws IOException {
        Path png = Path.of(System.getProperty("shared.dir", "../../shared"), "models/git-tiny-shapes/samples", file);
        DecodedMedia media = DECODER.decode(png, 6);
        assertThat(meanAbsoluteDifference(media.frames().get(0), ImageIO.read(png.toFile()))).isZero();
    }

    @Test
    void appliesTheExifOrientationOfAJpeg() {
        // EXIF orientation 6: the camera was turned, so the stored picture must be turned 90° clockwise for display.
        byte[] jpeg = withExifOrientation(ShapeVideos.still(landscapeWithMarker(), StillFormat.JPEG), 6);

        DecodedMedia media = DECODER.decode(jpeg, "photo.jpg", 1);

        assertThat(media.width()).isEqualTo(48);
        assertThat(media.height()).isEqualTo(80);
        RgbImage image = media.frames().get(0);
        assertThat(Markers.isRed(image, image.width() - 5, 4)).as("marker moved to the top right").isTrue();
        assertThat(media.notes()).anyMatch(note -> note.contains("rotated 90° clockwise"));
    }

    /** An 80x48 gray picture with a red marker in its top-left corner. */
    static BufferedImage landscapeWithMarker() {
        BufferedImage image = new BufferedImage(80, 48, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 140, 200));
        g.fillRect(0, 0, 80, 48);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        return image;
    }

    /** Inserts an EXIF APP1 segment with just the orientation tag after the JPEG's SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD at offset 8
                0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // one entry: orientation, SHORT
                0, 0, 0, 0}; // no next IFD
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(exif, 0, out, 6, exif.length);
        System.arraycopy(tiff, 0, out, 6 + exif.length, tiff.length);
        System.arraycopy(jpeg, 2, out, 2 + 2 + length, jpeg.length - 2);
        return out;
    }

    /** What the file holds: ImageIO's decoding for the formats it reads, the source picture for WebP. */
    private static BufferedImage reference(byte[] bytes, BufferedImage source, StillFormat format) throws IOException {
        return format == StillFormat.WEBP ? source : ImageIO.read(new ByteArrayInputStream(bytes));
    }

    static double meanAbsoluteDifference(RgbImage image, BufferedImage expected) {
        assertThat(image.width()).isEqualTo(expected.getWidth());
        assertThat(image.height()).isEqualTo(expected.getHeight());
        Raster raster = expected.getRaster();
        boolean gray = expected.getType() == BufferedImage.TYPE_BYTE_GRAY;
        long sum = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                // Raster samples, not getRGB: getRGB would gamma-convert gray images.
                int rgb = gray ? 0 : expected.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int want = gray ? raster.getSample(x, y, 0) : rgb >> (16 - 8 * c) & 0xFF;
                    sum += Math.abs(image.get(x, y, c) - want);
                }
            }
        }
        return sum / (3.0 * image.width() * image.height());
    }
}
