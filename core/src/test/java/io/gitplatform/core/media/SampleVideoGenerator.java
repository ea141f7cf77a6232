package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Writes the tiny model's sample clips (samples/clipK_f0..f5.png beside its checkpoint) as H.264 MP4 files, one
 * second at 6 fps. A tool, not a test ({@link SampleVideosTest} checks what it wrote):
 * {@code mvn -o -pl core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.gitplatform.core.media.SampleVideoGenerator -Dexec.args="../config/samples clip0,clip1,clip2"}.
 */
final class SampleVideoGenerator {

    static final int FRAMES = 6;
    static final double FPS = 6;

    private SampleVideoGenerator() {
    }

    /** {@code args}: the output folder, then optionally the clips (default {@code clip0,clip1,clip2}). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SampleVideoGenerator <output folder> [clip0,clip1,...]");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (String clip : (args.length > 1 ? args[1] : "clip0,clip1,clip2").split(",")) {
            Path file = out.resolve(clip.strip() + ".mp4");
            ShapeVideos.write(frames(clip.strip()), FPS, ShapeVideos.VideoFormat.MP4_H264, file,
                    SampleVideoGenerator::nearLossless);
            System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
        }
    }

    /** The clip's frames from the shared model folder. */
    static List<BufferedImage> frames(String clip) throws IOException {
        Path samples = Path.of(System.getProperty("shared.dir", "../../shared"), "models/git-tiny-shapes/samples");
        List<BufferedImage> frames = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            frames.add(ImageIO.read(samples.resolve(clip + "_f" + f + ".png").toFile()));
        }
        return frames;
    }

    /**
     * As close to lossless as libopenh264 gets: it has no lossless mode and no 4:4:4, so quantiser 1 (its minimum) and
     * area-averaged chroma, which keeps the error at the floor that 4:2:0 subsampling alone sets.
     */
    private static void nearLossless(FFmpegFrameRecorder recorder) {
        recorder.setVideoOption("qmin", "1");
        recorder.setVideoOption("qmax", "1");
        recorder.setImageScalingFlags(SWS_AREA | SWS_ACCURATE_RND);
    }
}
