package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Clips whose frames show their own index: the decoded frames must be exactly the sampled indices. */
class MediaDecoderSamplingTest {

    private static final int WANTED = 6;
    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    @TempDir
    Path dir;

    static Stream<Arguments> clips() {
        List<Arguments> clips = new ArrayList<>();
        int[][] lengths = {{6, 10}, {30, 25}, {31, 30}, {100, 25}, {250, 30}, {3, 10}};
        for (int[] clip : lengths) {
            clips.add(Arguments.of(VideoFormat.MP4_H264, clip[0], clip[1]));
        }
        for (VideoFormat format : VideoFormat.values()) {
            clips.add(Arguments.of(format, 31, 30));
            clips.add(Arguments.of(format, 3, 10));
        }
        clips.add(Arguments.of(VideoFormat.WEBM_VP9, 250, 25));
        clips.add(Arguments.of(VideoFormat.GIF, 100, 25));
        return clips.stream();
    }

    @ParameterizedTest(name = "{0}: {1} frames at {2} fps")
    @MethodSource("clips")
    void decodesExactlyTheSampledFrames(VideoFormat format, int frames, int fps) {
        Path file = ShapeVideos.write(FrameIndexCode.frames(frames), fps, format,
                dir.resolve("clip." + format.extension));

        DecodedMedia media = DECODER.decode(file, WANTED);

        long[] expected = FrameSampler.indices(frames, WANTED);
        assertThat(media.kind()).isEqualTo(DecodedMedia.Kind.VIDEO);
        assertThat(media.frameIndices()).containsExactly(expected);
        assertThat(media.frames()).hasSize(WANTED)
                .extracting(FrameIndexCode::read)
                .containsExactly(Arrays.stream(expected).mapToObj(i -> (int) i).toArray(Integer[]::new));
        // GIF stores delays in centiseconds, so its times are rounded to 10 ms.
        double tolerance = format == VideoFormat.GIF ? 0.011 : 0.001;
        for (int i = 0; i < WANTED; i++) {
            assertThat(media.timestampsSeconds()[i]).isCloseTo(expected[i] / (double) fps, within(tolerance));
        }
        assertThat(media.sourceFrameCount()).isEqualTo(frames);
        assertThat(media.framesRepeated()).isEqualTo(frames < WANTED);
        assertThat(media.frameRate()).isCloseTo(fps, within(fps * 0.12));
        assertThat(media.durationSeconds()).isCloseTo(frames / (double) fps, within(0.05));
        assertThat(media.width()).isEqualTo(ShapeVideos.SIZE);
        assertThat(media.height()).isEqualTo(ShapeVideos.SIZE);
        assertThat(media.format()).isEqualTo(format.extension);
        if (frames < WANTED) {
            assertThat(media.notes()).anyMatch(note -> note.contains("only " + frames + " frames"));
        }
    }
}
