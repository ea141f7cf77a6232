package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import io.gitplatform.spi.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Videos with a display rotation (phones store portrait video as landscape plus a rotation) come out upright. */
class MediaDecoderRotationTest {

    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "rotate={0}")
    @CsvSource({"90, 48, 80, top-right", "180, 80, 48, bottom-right", "270, 48, 80, bottom-left"})
    void honoursTheRotationMetadata(int clockwise, int width, int height, String markerCorner) {
        List<BufferedImage> frames = Collections.nCopies(10, MediaDecoderStillsTest.landscapeWithMarker());
        // The classic "rotate" tag means degrees clockwise. FFmpeg 8's muxer ignores that tag and JavaCV's
        // setDisplayRotation counts counterclockwise, so a rotate=90 phone video is written as -90.
        Path file = ShapeVideos.write(frames, 25, VideoFormat.MP4_H264, dir.resolve("phone.mp4"),
                recorder -> recorder.setDisplayRotation(-clockwise));

        DecodedMedia media = DECODER.decode(file, 6);

        assertThat(media.width()).isEqualTo(width);
        assertThat(media.height()).isEqualTo(height);
        RgbImage frame = media.frames().get(0);
        assertThat(frame.width()).isEqualTo(width);
        int right = frame.width() - 5;
        int bottom = frame.height() - 5;
        int x = markerCorner.endsWith("right") ? right : 4;
        int y = markerCorner.startsWith("bottom") ? bottom : 4;
        assertThat(Markers.isRed(frame, x, y)).as("red marker in the %s corner", markerCorner).isTrue();
        assertThat(Markers.isRed(frame, 4, 4) && !(x == 4 && y == 4)).as("marker left the top-left corner").isFalse();
        assertThat(media.notes()).anyMatch(note -> note.contains("rotated " + clockwise + "° clockwise"));
    }
}
