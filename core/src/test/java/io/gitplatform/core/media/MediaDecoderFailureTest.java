package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.media.MediaException.Reason;
import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input fails with a clear reason and message, and the decoder keeps working afterwards. */
class MediaDecoderFailureTest {

    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    @TempDir
    static Path dir;
    private static byte[] goodMp4;
    private static byte[] goodAvi;

    @BeforeAll
    static void encodeGoodClips() throws IOException {
        goodMp4 = Files.readAllBytes(ShapeVideos.write(FrameIndexCode.frames(30), 25, VideoFormat.MP4_H264,
                dir.resolve("good.mp4")));
        goodAvi = Files.readAllBytes(ShapeVideos.write(FrameIndexCode.frames(10), 25, VideoFormat.AVI_MPEG4,
                dir.resolve("good.avi")));
    }

    @Test
    void emptyInput() throws IOException {
        expectFailure(new byte[0], "empty.mp4", Reason.EMPTY, "is empty");
        Path empty = Files.createFile(dir.resolve("empty-file.mp4"));
        assertThatThrownBy(() -> DECODER.decode(empty, 6))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
                .hasMessageContaining("empty-file.mp4");
        decoderStillWorks();
    }

    @Test
    void randomBytes() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        expectFailure(noise, "noise.mp4", Reason.UNRECOGNIZED_FORMAT, "unknown content starting with");
    }

    @Test
    void textFileNamedMp4() {
        byte[] text = "This is not a video, just some notes.\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        expectFailure(text, "notes.mp4", Reason.UNRECOGNIZED_FORMAT, "looks like text");
    }

    @Test
    void truncatedMp4() {
        // FFmpeg's MP4 muxer writes the index (moov) last, so the first half has frames but no index.
        expectFailure(Arrays.copyOf(goodMp4, goodMp4.length / 2), "cut.mp4", Reason.CORRUPT, "truncated or damaged");
    }

    @Test
    void truncatedMp4WithIndexFirst() throws IOException {
        byte[] fastStart = Files.readAllBytes(ShapeVideos.write(FrameIndexCode.frames(30), 25, VideoFormat.MP4_H264,
                dir.resolve("faststart.mp4"), recorder -> recorder.setOption("movflags", "+faststart")));
        expectFailure(Arrays.copyOf(fastStart, fastStart.length / 2), "cut-faststart.mp4", Reason.CORRUPT,
                "truncated or damaged");
    }

    @Test
    void audioOnlyFile() throws IOException {
        byte[] audio = Files.readAllBytes(BadMedia.audioOnlyMp4(dir.resolve("sine.mp4")));
        expectFailure(audio, "sine.mp4", Reason.NO_VIDEO_STREAM, "audio only");
    }

    @Test
    void audioFormatsAreNamed() {
        byte[] wav = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        expectFailure(wav, "song.wav", Reason.NO_VIDEO_STREAM, "WAV audio");
    }

    @Test
    void pngDecompressionBombIsRefusedFromItsHeader() throws IOException {
        byte[] bomb = BadMedia.pngBomb(20_000, 20_000);
        assertThat(bomb.length).isLessThan(1 << 20);
        long start = System.nanoTime();
        expectFailure(bomb, "bomb.png", Reason.TOO_LARGE, "20000x20000");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void unknownVideoCodec() {
        // FFmpeg's AVI muxer tags MPEG-4 part 2 as FMP4; a made-up FourCC leaves FFmpeg without a decoder.
        expectFailure(BadMedia.replaceFourcc(goodAvi, "FMP4", "ZZZZ"), "odd.avi", Reason.UNSUPPORTED_CODEC,
                "'ZZZZ'");
    }

    @Test
    void animatedWebp() throws IOException {
        Path webp = BadMedia.animatedWebp(FrameIndexCode.frames(5), dir.resolve("anim.webp"));
        expectFailure(Files.readAllBytes(webp), "anim.webp", Reason.UNSUPPORTED_CODEC, "animated WebP");
    }

    @Test
    void damagedPngData() throws IOException {
        byte[] png = ShapeVideos.still(ShapeVideos.render(new ShapeVideos.Scene(ShapeVideos.Shape.SQUARE,
                ShapeVideos.ShapeColor.RED, ShapeVideos.Background.WHITE, ShapeVideos.Direction.UP), 1).get(0),
                ShapeVideos.StillFormat.PNG);
        byte[] damaged = Arrays.copyOf(png, 40); // signature and IHDR survive, the pixel data does not
        expectFailure(damaged, "damaged.png", Reason.CORRUPT, "damaged.png");
    }

    @Test
    void missingFileAndDirectory() {
        assertThatThrownBy(() -> DECODER.decode(dir.resolve("missing.mp4"), 6))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE))
                .hasMessageContaining("missing.mp4");
        assertThatThrownBy(() -> DECODER.decode(dir, 6))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
    }

    @Test
    void manyFailuresInARowLeaveTheDecoderHealthy() throws ReflectiveOperationException {
        byte[] cut = Arrays.copyOf(goodMp4, goodMp4.length / 2);
        Field streams = FFmpegFrameGrabber.class.getDeclaredField("inputStreams");
        streams.setAccessible(true);
        int registered = ((Map<?, ?>) streams.get(null)).size();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> DECODER.decode(cut, "cut.mp4", 6)).isInstanceOf(MediaException.class);
        }
        // JavaCV leaks an entry of its static stream map on each failed open unless the decoder removes it.
        assertThat(((Map<?, ?>) streams.get(null)).size()).isEqualTo(registered);
        decoderStillWorks();
    }

    private static void expectFailure(byte[] bytes, String name, Reason reason, String messagePart) {
        assertThatThrownBy(() -> DECODER.decode(bytes, name, 6))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith(name + ":")
                .hasMessageContaining(messagePart);
        decoderStillWorks();
    }

    private static void decoderStillWorks() {
        DecodedMedia media = DECODER.decode(goodMp4, "good.mp4", 6);
        assertThat(media.frames()).extracting(FrameIndexCode::read).containsExactly(2, 7, 12, 17, 22, 27);
    }
}
