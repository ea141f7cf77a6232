package io.gitplatform.starter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.starter.GitInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How GitMedia becomes frames: stills, videos by content, stills as a video's frames, and the limits. */
class GitMediaDecoderTests {

    private static final Path SAMPLES = Path.of(System.getProperty("shared.dir", "../../shared"),
            "models/git-tiny-shapes/samples");
    private static final Path MP4 = Path.of("../config/samples/clip0.mp4");

    private final GitMediaDecoder decoder = new GitMediaDecoder(MediaLimits.defaults());

    private static List<Path> frames(int n) {
        return IntStream.range(0, n).mapToObj(f -> SAMPLES.resolve("clip0_f" + f + ".png")).toList();
    }

    @Test
    void oneImageIsAStillAndSeveralAreAVideo() throws Exception {
        TaskInput still = decoder.decode(GitMedia.of(Files.readAllBytes(SAMPLES.resolve("image0_f0.png")), null), 6);
        assertThat(still.video()).isFalse();
        assertThat(still.frames()).hasSize(1);

        TaskInput frames = decoder.decode(GitMedia.framesOf(frames(3)), 6);
        assertThat(frames.video()).isTrue();
        assertThat(frames.frames()).hasSize(3);
    }

    @Test
    void aVideoIsSampledToTheModelsFrames() {
        TaskInput video = decoder.decode(GitMedia.of(MP4), 6);
        assertThat(video.video()).isTrue();
        assertThat(video.frames()).hasSize(6);
        assertThat(video.timestampsSeconds()).hasSize(6);
        // An image-only model (one frame) sees a video's frame as a still.
        assertThat(decoder.decode(GitMedia.of(MP4), 1).video()).isFalse();
    }

    @Test
    void framesMustBeFewEnoughAndStills() {
        assertThatThrownBy(() -> decoder.decode(GitMedia.framesOf(Collections.nCopies(7, frames(1).get(0))), 6))
                .isInstanceOf(GitInputException.class).hasMessageContaining("at most 6");
        assertThatThrownBy(() -> decoder.decode(GitMedia.framesOf(List.of(frames(1).get(0), MP4)), 6))
                .isInstanceOf(GitInputException.class).hasMessageContaining("is a video");
    }

    @Test
    void mediaLimitsApply() {
        GitMediaDecoder small = new GitMediaDecoder(new MediaLimits(100, 40_000_000L, 60, 1000, Duration.ofSeconds(10)));
        assertThatThrownBy(() -> small.decode(GitMedia.of(MP4), 6)).isInstanceOf(MediaException.class)
                .extracting(e -> ((MediaException) e).reason()).isEqualTo(MediaException.Reason.TOO_LARGE);
        assertThatThrownBy(() -> decoder.decode(GitMedia.of(new byte[] {1, 2, 3}, "junk.png"), 6))
                .isInstanceOf(MediaException.class);
    }
}
