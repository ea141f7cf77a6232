package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.VideoSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoded media as task inputs: the one conversion the starter, the server and the CLI share. */
class DecodedMediaTests {

    @Test
    void aStillIsAnImageInputAndAVideoKeepsItsTimestamps() {
        assertThat(still(1).input().video()).isFalse();
        DecodedMedia video = new DecodedMedia(DecodedMedia.Kind.VIDEO, List.of(image(1), image(2)), new long[] {0, 5},
                new double[] {0, 0.5}, 10, 1, 10, false, "mp4", "h264", 2, 2, List.of());
        TaskInput input = video.input();
        assertThat(input.video()).isTrue();
        assertThat(input.timestampsSeconds()).containsExactly(0, 0.5);
        assertThat(input.frames()).hasSize(2);
    }

    @Test
    void onlyAVideoCarriesTheWholeClipAndOnlyAVideoAsksForIt() throws Exception {
        Path clip = Path.of("../config/samples/clip0.mp4");
        VideoSource source = MediaVideoSource.of(clip, MediaLimits.defaults());
        DecodedMedia video = new DecodedMedia(DecodedMedia.Kind.VIDEO, List.of(image(1), image(2)), new long[] {0, 5},
                new double[] {0, 0.5}, 10, 1, 10, false, "mp4", "h264", 2, 2, List.of());
        assertThat(video.input(() -> source).source()).isSameAs(source);
        assertThat(still(1).input(() -> {
            throw new AssertionError("a still has no whole video to open");
        }).source()).isNull();
    }

    @Test
    void stillsBecomeOneVideoThinnedToTheCentreOfEqualSegments() {
        List<DecodedMedia> stills = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stills.add(still(i));
        }
        DecodedMedia video = DecodedMedia.stillsAsVideo(stills, 6);
        assertThat(video.kind()).isEqualTo(DecodedMedia.Kind.VIDEO);
        assertThat(video.frameIndices()).containsExactly(1, 3, 5, 7, 9, 11);
        assertThat(video.frames().get(0).rgb()[0]).isEqualTo((byte) 1);
        assertThat(DecodedMedia.stillsAsVideo(stills.subList(0, 3), 6).frameIndices()).containsExactly(0, 1, 2);
        assertThat(DecodedMedia.stillsAsVideo(stills.subList(0, 1), 6).kind()).isEqualTo(DecodedMedia.Kind.IMAGE);
    }

    @Test
    void aVideoAmongTheStillsIsRefusedByPosition() {
        DecodedMedia video = new DecodedMedia(DecodedMedia.Kind.VIDEO, List.of(image(1), image(2)), new long[] {0, 1},
                new double[] {0, 0.1}, 2, 0.2, 10, false, "mp4", "h264", 2, 2, List.of());
        assertThatThrownBy(() -> DecodedMedia.stillsAsVideo(List.of(still(0), video), 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input 1 is a video");
    }

    private static DecodedMedia still(int value) {
        RgbImage image = image(value);
        return new DecodedMedia(DecodedMedia.Kind.IMAGE, List.of(image), new long[] {0}, new double[] {0}, 1, 0, 0,
                false, "png", "png", 2, 2, List.of());
    }

    private static RgbImage image(int value) {
        byte[] rgb = new byte[2 * 2 * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new RgbImage(2, 2, rgb);
    }
}
