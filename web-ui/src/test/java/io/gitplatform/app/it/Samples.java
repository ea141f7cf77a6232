package io.gitplatform.app.it;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tiny model's 16 samples (shared/models/git-tiny-shapes): still images as their PNG bytes, clips as lossless
 * FFV1/Matroska videos of their six PNG frames, so that the server sees exactly the reference pixels and must give
 * the reference caption.
 */
final class Samples {
    record Sample(String name, int frames, String referenceCaption, Map<String, String> labels) {
        boolean video() {
            return frames > 1;
        }
    }

    private static final Map<String, byte[]> MEDIA = new ConcurrentHashMap<>();

    private Samples() {
    }

    static Path dir() {
        return Path.of(System.getProperty("shared.dir"), "models", "git-tiny-shapes");
    }

    static List<Sample> all() {
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readString(dir().resolve("samples.json")));
            List<Sample> out = new ArrayList<>();
            for (JsonNode s : root) {
                Map<String, String> labels = new java.util.HashMap<>();
                s.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
                out.add(new Sample(s.get("name").asString(), s.get("frames").asInt(),
                        s.get("reference_caption").asString(), labels));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sample named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static byte[] png(String name, int frame) {
        try {
            return Files.readAllBytes(dir().resolve("samples/" + name + "_f" + frame + ".png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upload for a sample: its PNG, or its frames as a lossless video. */
    static byte[] media(Sample s) {
        return MEDIA.computeIfAbsent(s.name(), n -> s.video() ? video(n, s.frames()) : png(n, 0));
    }

    static String fileName(Sample s) {
        return s.name() + (s.video() ? ".mkv" : ".png");
    }

    /** The frames as FFV1 in Matroska: lossless, so decoding gives back the PNG pixels exactly. */
    static synchronized byte[] video(String name, int frames) {
        try {
            Path file = Files.createTempFile(name, ".mkv");
            Java2DFrameConverter converter = new Java2DFrameConverter();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 64, 64)) {
                recorder.setFormat("matroska");
                recorder.setVideoCodecName("ffv1");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
                recorder.setFrameRate(6);
                recorder.start();
                for (int f = 0; f < frames; f++) {
                    BufferedImage rgb = ImageIO.read(dir().resolve("samples/" + name + "_f" + f + ".png").toFile());
                    BufferedImage bgr = new BufferedImage(rgb.getWidth(), rgb.getHeight(),
                            BufferedImage.TYPE_3BYTE_BGR);
                    bgr.getGraphics().drawImage(rgb, 0, 0, null);
                    recorder.record(converter.convert(bgr));
                }
                recorder.stop();
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
