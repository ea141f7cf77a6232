package io.gitplatform.plugins.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.StreamVideoSource;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import java.awt.image.BufferedImage;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;

/**
 * A live HLS stream: FFmpeg writes it in real time (six 3-second scenes of different shapes, colours and backgrounds) into a folder served by a local HTTP
 * server while the timeline reads it; segments arrive while FFmpeg is still writing, and the timeline ends cleanly
 * with the stream.
 */
class LiveTimelineTests extends EmbeddedPipelineTest {
    private static final List<Scene> SCENES = List.of(
            new Scene(Shape.CIRCLE, ShapeColor.RED, Background.BLACK, Direction.RIGHT),
            new Scene(Shape.SQUARE, ShapeColor.BLUE, Background.WHITE, Direction.LEFT),
            new Scene(Shape.TRIANGLE, ShapeColor.YELLOW, Background.GRAY, Direction.DOWN),
            new Scene(Shape.CIRCLE, ShapeColor.GREEN, Background.WHITE, Direction.UP),
            new Scene(Shape.SQUARE, ShapeColor.PURPLE, Background.BLACK, Direction.RIGHT),
            new Scene(Shape.TRIANGLE, ShapeColor.RED, Background.WHITE, Direction.LEFT));

    @Test
    void segmentsArriveWhileTheStreamIsWritten() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hls"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        warmUp();
        // FFmpeg's HLS muxer writes the stream in real time (one frame every 100 ms) on its own thread.
        Thread writer = new Thread(() -> writeHls(dir.resolve("live.m3u8")), "hls-writer");
        writer.start();
        try {
            Path playlist = dir.resolve("live.m3u8");
            long wait = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(playlist) && System.nanoTime() < wait) {
                Thread.sleep(50);
            }
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/live.m3u8";
            TaskInput input = TaskInput.video(List.of(new RgbImage(1, 1, new byte[3])), null)
                    .withSource(new StreamVideoSource(url, MediaLimits.defaults(), Duration.ofSeconds(10)));
            List<Boolean> writerAliveAtPart = new CopyOnWriteArrayList<>();
            List<Long> heapAtPart = new CopyOnWriteArrayList<>();
            TaskOptions.Builder options = TaskOptions.builder();
            options.extra("mode", "scenes");
            TaskResult result = run(new TimelineTask(), TaskRequest.of(input, options.build())
                    .withProgress(new ProgressListener() {
                        @Override
                        public void onProgress(String stage, double fraction) {
                        }

                        @Override
                        public void onPart(String kind, String json) {
                            writerAliveAtPart.add(writer.isAlive());
                            System.gc();
                            Runtime rt = Runtime.getRuntime();
                            heapAtPart.add(rt.totalMemory() - rt.freeMemory());
                        }
                    }));
            assertThat(result.answers()).as(result.text()).hasSize(SCENES.size());
            assertThat(result.text()).startsWith("[{\"start_s\":0.000,");
            assertThat(writerAliveAtPart).as("segments arrived while FFmpeg was still writing").startsWith(true, true);
            long spread = heapAtPart.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - heapAtPart.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(spread).as("heap after GC at each segment: %s", heapAtPart).isLessThan(64L << 20);
        } finally {
            writer.interrupt();
            writer.join();
            server.stop(0);
        }
    }

    /** The model's first pass compiles and allocates; done before the stream starts so it keeps up. */
    private static void warmUp() {
        List<RgbImage> frames = ShapeVideos.render(SCENES.get(0), 6).stream()
                .map(io.gitplatform.core.image.Images::fromBufferedImage).toList();
        TaskInput input = TaskInput.video(frames, null);
        try (io.gitplatform.core.platform.EncodingCache cache = new io.gitplatform.core.platform.EncodingCache()) {
            context(cache, TaskRequest.of(input, TaskOptions.NONE)).caption(input,
                    io.gitplatform.spi.GenerationSettings.DEFAULTS);
        }
    }

    /** Six 3-second scenes of different shapes, colours and backgrounds at 10 fps, paced in real time. */
    private static void writeHls(Path playlist) {
        List<Scene> scenes = SCENES;
        Java2DFrameConverter converter = new Java2DFrameConverter();
        try (FFmpegFrameRecorder recorder = io.gitplatform.core.media.LiveHls.hlsRecorder(playlist)) {
            recorder.start();
            for (Scene scene : scenes) {
                for (BufferedImage image : ShapeVideos.render(scene, 30)) {
                    recorder.record(converter.convert(image));
                    Thread.sleep(100);
                }
            }
            recorder.stop();
        } catch (Exception e) {
            if (!(e instanceof InterruptedException)) {
                throw new IllegalStateException(e);
            }
        }
    }

}
