package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaDecoderVideoTest {

    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    @TempDir
    Path dir;

    /** B-frames reorder decoding against display: indices and times must still be in display order. */
    @ParameterizedTest
    @EnumSource(value = VideoFormat.class, names = {"MP4_MPEG4", "AVI_MPEG4"})
    void handlesBFrames(VideoFormat format) {
        Path file = ShapeVideos.write(FrameIndexCode.frames(100), 25, format, dir.resolve("b." + format.extension),
                recorder -> recorder.setMaxBFrames(2));

        DecodedMedia media = DECODER.decode(file, 6);

        assertThat(media.frames()).extracting(FrameIndexCode::read).containsExactly(8, 25, 41, 58, 75, 91);
        assertThat(media.timestampsSeconds()).containsExactly(new double[] {0.32, 1.0, 1.64, 2.32, 3.0, 3.64},
                within(0.001));
    }

    /** A variable frame rate defeats index-to-time seeking: the decoder notices and decodes in order instead. */
    @Test
    void handlesAVariableFrameRate() {
        // 15 frames at 25 fps, then 15 at 12.5 fps.
        Path vfr = ShapeVideos.writeTimed(FrameIndexCode.frames(30), VideoFormat.MP4_H264, dir.resolve("vfr.mp4"),
                i -> i < 15 ? i * 40_000L : 600_000L + (i - 15) * 80_000L);

        DecodedMedia media = DECODER.decode(vfr, 6);

        assertThat(media.frames()).extracting(FrameIndexCode::read).containsExactly(2, 7, 12, 17, 22, 27);
        assertThat(media.frameIndices()).containsExactly(2, 7, 12, 17, 22, 27);
        assertThat(media.timestampsSeconds()).containsExactly(new double[] {0.08, 0.28, 0.48, 0.76, 1.16, 1.56},
                within(0.001));
        assertThat(media.notes()).anyMatch(note -> note.contains("decoded in order"));
    }

    @Test
    void bytesAndPathGiveTheSameResult() throws Exception {
        Path file = ShapeVideos.write(FrameIndexCode.frames(40), 25, VideoFormat.WEBM_VP9, dir.resolve("clip.webm"));

        DecodedMedia fromPath = DECODER.decode(file, 6);
        DecodedMedia fromBytes = DECODER.decode(Files.readAllBytes(file), "clip.webm", 6);

        assertThat(fromBytes.frameIndices()).containsExactly(fromPath.frameIndices());
        assertThat(fromBytes.timestampsSeconds()).containsExactly(fromPath.timestampsSeconds());
        for (int i = 0; i < 6; i++) {
            assertThat(fromBytes.frames().get(i).rgb()).isEqualTo(fromPath.frames().get(i).rgb());
        }
    }

    @Test
    void decodesConcurrently() throws Exception {
        List<Path> files = new ArrayList<>();
        for (VideoFormat format : VideoFormat.values()) {
            files.add(ShapeVideos.write(FrameIndexCode.frames(60), 30, format, dir.resolve("c." + format.extension)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DecodedMedia>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Path file : files) {
                    results.add(pool.submit(() -> DECODER.decode(file, 6)));
                }
            }
            for (Future<DecodedMedia> result : results) {
                assertThat(result.get().frames()).extracting(FrameIndexCode::read).containsExactly(5, 15, 25, 35, 45, 55);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rendersTrainingLikeClips() {
        ShapeVideos.Scene scene = new ShapeVideos.Scene(ShapeVideos.Shape.TRIANGLE, ShapeVideos.ShapeColor.YELLOW,
                ShapeVideos.Background.GRAY, ShapeVideos.Direction.RIGHT, 6);
        Path file = ShapeVideos.write(ShapeVideos.render(scene, 6), 6, VideoFormat.MP4_H264, dir.resolve("shape.mp4"));

        DecodedMedia media = DECODER.decode(file, 6);

        assertThat(media.frameIndices()).containsExactly(0, 1, 2, 3, 4, 5);
        // The background stays gray and the shape yellow: centre of the first frame, corner of the last.
        assertThat(media.frames().get(0).get(32, 34, 0)).isGreaterThan(200);
        assertThat(media.frames().get(0).get(32, 34, 2)).isLessThan(90);
        assertThat(media.frames().get(5).get(2, 2, 1)).isBetween(110, 146);
    }
}
