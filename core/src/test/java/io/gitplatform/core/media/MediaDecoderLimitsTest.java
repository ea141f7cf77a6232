package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.media.MediaException.Reason;
import io.gitplatform.core.media.ShapeVideos.StillFormat;
import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaDecoderLimitsTest {

    private static final MediaLimits DEFAULTS = MediaLimits.defaults();

    @TempDir
    static Path dir;
    /** 100 frames at 25 fps: 4 seconds. */
    private static byte[] fourSeconds;

    @BeforeAll
    static void encode() throws IOException {
        fourSeconds = Files.readAllBytes(ShapeVideos.write(FrameIndexCode.frames(100), 25, VideoFormat.MP4_H264,
                dir.resolve("four-seconds.mp4")));
    }

    @Test
    void refusesTooManyBytes() {
        MediaLimits limits = new MediaLimits(1000, DEFAULTS.maxPixels(), DEFAULTS.maxDurationSeconds(),
                DEFAULTS.maxFrameCount(), DEFAULTS.timeout());
        expect(limits, fourSeconds, Reason.TOO_LARGE, "more than the limit of 1000");
    }

    @Test
    void refusesTooLongVideos() {
        MediaLimits limits = new MediaLimits(DEFAULTS.maxBytes(), DEFAULTS.maxPixels(), 2, DEFAULTS.maxFrameCount(),
                DEFAULTS.timeout());
        expect(limits, fourSeconds, Reason.TOO_LONG, "lasts 4.0 s");
    }

    /** Counted from the header (MP4), from duration x frame rate (WebM) or by reading packets (GIF). */
    @ParameterizedTest
    @EnumSource(value = VideoFormat.class, names = {"MP4_H264", "WEBM_VP8", "GIF"})
    void refusesTooManyFrames(VideoFormat format) throws IOException {
        byte[] video = Files.readAllBytes(ShapeVideos.write(FrameIndexCode.frames(100), 25, format,
                dir.resolve("many." + format.extension)));
        MediaLimits limits = new MediaLimits(DEFAULTS.maxBytes(), DEFAULTS.maxPixels(), DEFAULTS.maxDurationSeconds(),
                50, DEFAULTS.timeout());
        expect(limits, video, Reason.TOO_LONG, "frames");
    }

    @Test
    void refusesOversizedVideoFramesFromTheStreamHeader() {
        MediaLimits limits = new MediaLimits(DEFAULTS.maxBytes(), 64 * 63, DEFAULTS.maxDurationSeconds(),
                DEFAULTS.maxFrameCount(), DEFAULTS.timeout());
        expect(limits, fourSeconds, Reason.TOO_LARGE, "64x64");
    }

    @Test
    void refusesOversizedStillsFromTheirHeader() {
        BufferedImage image = FrameIndexCode.frames(1).get(0);
        MediaLimits limits = new MediaLimits(DEFAULTS.maxBytes(), 64 * 63, DEFAULTS.maxDurationSeconds(),
                DEFAULTS.maxFrameCount(), DEFAULTS.timeout());
        for (StillFormat format : StillFormat.values()) {
            expect(limits, ShapeVideos.still(image, format), Reason.TOO_LARGE, "64x64");
        }
    }

    @Test
    void abortsWhenTheTimeoutHasPassed() {
        MediaLimits limits = new MediaLimits(DEFAULTS.maxBytes(), DEFAULTS.maxPixels(), DEFAULTS.maxDurationSeconds(),
                DEFAULTS.maxFrameCount(), Duration.ofNanos(1));
        expect(limits, fourSeconds, Reason.TIMEOUT, "longer than the limit");
    }

    @Test
    void abortsALongDecodeMidway() {
        // Noise GIF frames hardly compress and must be decoded in order (they build on each other): a decode of
        // several hundred milliseconds, cut off after 50.
        Random random = new Random(7);
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            BufferedImage frame = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
            random.nextBytes(((DataBufferByte) frame.getRaster().getDataBuffer()).getData());
            frames.add(frame);
        }
        Path gif = ShapeVideos.write(frames, 25, VideoFormat.GIF, dir.resolve("noise.gif"));
        Duration timeout = Duration.ofMillis(50);
        MediaDecoder decoder = new MediaDecoder(new MediaLimits(DEFAULTS.maxBytes(), DEFAULTS.maxPixels(),
                DEFAULTS.maxDurationSeconds(), DEFAULTS.maxFrameCount(), timeout));

        long start = System.nanoTime();
        assertThatThrownBy(() -> decoder.decode(gif, 6))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("noise.gif");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusMillis(450));
        assertThat(new MediaDecoder(DEFAULTS).decode(gif, 6).frames()).hasSize(6);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new MediaLimits(0, 1, 1, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaLimits(1, 1, Double.NaN, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaLimits(1, 1, 1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frameRequestsAreBounded() {
        MediaDecoder decoder = new MediaDecoder(DEFAULTS);
        assertThatThrownBy(() -> decoder.decode(fourSeconds, "clip.mp4", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.decode(fourSeconds, "clip.mp4", MediaDecoder.MAX_FRAMES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void expect(MediaLimits limits, byte[] bytes, Reason reason, String messagePart) {
        assertThatThrownBy(() -> new MediaDecoder(limits).decode(bytes, "clip", 6))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith("clip:")
                .hasMessageContaining(messagePart);
    }
}
