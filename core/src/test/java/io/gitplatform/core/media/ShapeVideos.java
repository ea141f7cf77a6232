package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Test media like the tiny model's training data: 64x64 frames of one coloured shape (circle, square, triangle) moving
 * over a black, white or gray background, encoded with this FFmpeg build into every container and codec the decoder
 * supports, plus PNG, JPEG, BMP, WebP and GIF stills. Kept in core's test sources for other modules' tests to reuse.
 */
public final class ShapeVideos {

    public static final int SIZE = 64;
    private static final int RADIUS = 10;
    private static final int STEP = 4;

    public enum Shape { CIRCLE, SQUARE, TRIANGLE }

    public enum ShapeColor {
        RED(225, 25, 40), GREEN(40, 200, 60), BLUE(35, 80, 230), YELLOW(235, 220, 40), PURPLE(140, 50, 170);

        public final Color color;

        ShapeColor(int r, int g, int b) {
            color = new Color(r, g, b);
        }
    }

    public enum Background {
        BLACK(15, 15, 18), WHITE(245, 245, 245), GRAY(128, 128, 128);

        public final Color color;

        Background(int r, int g, int b) {
            color = new Color(r, g, b);
        }
    }

    public enum Direction {
        LEFT(-1, 0), RIGHT(1, 0), UP(0, -1), DOWN(0, 1);

        final int dx;
        final int dy;

        Direction(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }
    }

    /** One clip's content; {@code noise} is the amplitude of uniform per-pixel noise (0 for clean frames). */
    public record Scene(Shape shape, ShapeColor color, Background background, Direction direction, int noise) {
        public Scene(Shape shape, ShapeColor color, Background background, Direction direction) {
            this(shape, color, background, direction, 0);
        }
    }

    /** Every container/codec pair the decoder supports that this FFmpeg build can also encode. */
    public enum VideoFormat {
        MP4_H264("mp4", "mp4", "libopenh264"),
        MP4_MPEG4("mp4", "mp4", "mpeg4"),
        WEBM_VP8("webm", "webm", "libvpx"),
        WEBM_VP9("webm", "webm", "libvpx-vp9"),
        MKV_H264("mkv", "matroska", "libopenh264"),
        MOV_H264("mov", "mov", "libopenh264"),
        AVI_MPEG4("avi", "avi", "mpeg4"),
        GIF("gif", "gif", "gif");

        public final String extension;
        public final String muxer;
        public final String encoder;

        VideoFormat(String extension, String muxer, String encoder) {
            this.extension = extension;
            this.muxer = muxer;
            this.encoder = encoder;
        }
    }

    public enum StillFormat { PNG, JPEG, BMP, WEBP, GIF }

    static {
        FfmpegLog.install(); // keeps the recorder's informational output out of the test log
    }

    private ShapeVideos() {
    }

    /** The shape moving {@value #STEP} px per frame from the centre, wrapping around the edges. */
    public static List<BufferedImage> render(Scene scene, int frames) {
        Random random = new Random(scene.hashCode());
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            int cx = Math.floorMod(SIZE / 2 + scene.direction().dx * STEP * i, SIZE);
            int cy = Math.floorMod(SIZE / 2 + scene.direction().dy * STEP * i, SIZE);
            BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(scene.background().color);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(scene.color().color);
            switch (scene.shape()) {
                case CIRCLE -> g.fillOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
                case SQUARE -> g.fillRect(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
                case TRIANGLE -> g.fillPolygon(new Polygon(new int[] {cx, cx - RADIUS, cx + RADIUS},
                        new int[] {cy - RADIUS, cy + RADIUS, cy + RADIUS}, 3));
            }
            g.dispose();
            addNoise(image, scene.noise(), random);
            images.add(image);
        }
        return images;
    }

    /** Encodes the frames at {@code fps} into {@code file}. */
    public static Path write(List<BufferedImage> frames, double fps, VideoFormat format, Path file) {
        return write(frames, fps, format, file, recorder -> { });
    }

    /** Encodes the frames, letting {@code configure} adjust the recorder (rotation, B-frames, quality) first. */
    public static Path write(List<BufferedImage> frames, double fps, VideoFormat format, Path file,
                             Consumer<FFmpegFrameRecorder> configure) {
        int pixelFormat = format == VideoFormat.GIF ? AV_PIX_FMT_RGB8 : AV_PIX_FMT_YUV420P;
        return encode(frames, fps, format.muxer, format.encoder, pixelFormat, file, configure);
    }

    /**
     * Encodes frames at chosen presentation times (microseconds, multiples of 10 ms): a variable frame rate.
     */
    public static Path writeTimed(List<BufferedImage> frames, VideoFormat format, Path file,
                                  IntToLongFunction micros) {
        int pixelFormat = format == VideoFormat.GIF ? AV_PIX_FMT_RGB8 : AV_PIX_FMT_YUV420P;
        // At 100 fps the recorder's time base is 10 ms; setTimestamp places each frame on it.
        return encode(frames, 100, format.muxer, format.encoder, pixelFormat, file, recorder -> { }, micros);
    }

    static Path encode(List<BufferedImage> frames, double fps, String muxer, String encoder, int pixelFormat,
                       Path file, Consumer<FFmpegFrameRecorder> configure) {
        return encode(frames, fps, muxer, encoder, pixelFormat, file, configure, null);
    }

    private static Path encode(List<BufferedImage> frames, double fps, String muxer, String encoder, int pixelFormat,
                               Path file, Consumer<FFmpegFrameRecorder> configure, IntToLongFunction micros) {
        BufferedImage first = frames.get(0);
        Java2DFrameConverter converter = new Java2DFrameConverter();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), first.getWidth(), first.getHeight())) {
            recorder.setFormat(muxer);
            recorder.setVideoCodecName(encoder);
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(pixelFormat);
            recorder.setVideoBitrate(4_000_000); // plenty for 64x64: frames stay close to the source
            if (encoder.startsWith("libvpx")) { // libvpx's default "good" deadline is needlessly slow for tests
                recorder.setVideoOption("deadline", "realtime");
                recorder.setVideoOption("cpu-used", "8");
            }
            configure.accept(recorder);
            recorder.start();
            for (int i = 0; i < frames.size(); i++) {
                if (micros != null) {
                    recorder.setTimestamp(micros.applyAsLong(i));
                }
                recorder.record(converter.convert(frames.get(i)));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("could not encode " + file + " with " + muxer + "/" + encoder, e);
        }
        return file;
    }

    /** One picture as a still image file's bytes (WebP through FFmpeg's libwebp, the rest through ImageIO). */
    public static byte[] still(BufferedImage image, StillFormat format) {
        if (format == StillFormat.WEBP) {
            return webp(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format.name().toLowerCase(Locale.ROOT), out)) {
                throw new IllegalStateException("ImageIO cannot write " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] webp(BufferedImage image) {
        try {
            Path file = Files.createTempFile("still", ".webp");
            try {
                encode(List.of(image), 1, "webp", "libwebp", AV_PIX_FMT_YUV420P, file, recorder -> { });
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addNoise(BufferedImage image, int amplitude, Random random) {
        if (amplitude == 0) {
            return;
        }
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = jitter(rgb >> 16 & 0xFF, amplitude, random);
                int g = jitter(rgb >> 8 & 0xFF, amplitude, random);
                int b = jitter(rgb & 0xFF, amplitude, random);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
    }

    private static int jitter(int value, int amplitude, Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(2 * amplitude + 1) - amplitude));
    }
}
