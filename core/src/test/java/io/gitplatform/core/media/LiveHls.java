package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A live HLS stream for tests: FFmpeg's HLS muxer writes 1-second MPEG-2 segments of the given scenes into a folder,
 * and a local HTTP server publishes them one per second of wall time in a live playlist (no end tag until every
 * segment is out). {@code publish} segments at most are ever published: fewer than there are makes a stream that
 * stalls mid-way, as a camera whose encoder hangs.
 */
public final class LiveHls implements AutoCloseable {
    private final Path dir;
    private final List<String> segments = new ArrayList<>();
    private final List<String> durations = new ArrayList<>();
    private final HttpServer server;
    private final Thread publisher;
    private final int publish;
    private volatile int published;
    private volatile long lastRequest = System.nanoTime();

    private LiveHls(Path dir, int publish) throws IOException {
        this.dir = dir;
        List<String> lines = Files.readAllLines(dir.resolve("full.m3u8"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#EXTINF")) {
                durations.add(lines.get(i));
                segments.add(lines.get(++i));
            }
        }
        this.publish = Math.min(publish, segments.size());
        published = Math.min(2, this.publish); // enough for FFmpeg to open the stream
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastRequest = System.nanoTime();
            String path = exchange.getRequestURI().getPath().substring(1);
            byte[] body;
            if (path.equals("live.m3u8")) {
                body = playlist().getBytes(StandardCharsets.UTF_8);
            } else {
                int index = segments.indexOf(path);
                body = index >= 0 && index < published ? Files.readAllBytes(dir.resolve(path)) : null;
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        publisher = new Thread(() -> {
            try {
                while (published < this.publish) {
                    Thread.sleep(1000);
                    published++;
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "hls-publisher");
        publisher.setDaemon(true);
        publisher.start();
    }

    /**
     * Writes the scenes ({@code framesPerScene} frames each at 10 fps) as HLS under {@code dir} and starts publishing.
     *
     * @param publish segments to publish at most (each 1 s); the stream ends (end tag) only if all are published
     */
    public static LiveHls start(Path dir, List<ShapeVideos.Scene> scenes, int framesPerScene, int publish) {
        try {
            Files.createDirectories(dir);
            Java2DFrameConverter converter = new Java2DFrameConverter();
            try (FFmpegFrameRecorder recorder = hlsRecorder(dir.resolve("full.m3u8"))) {
                recorder.setOption("hls_segment_filename", dir.resolve("seg%03d.ts").toString());
                recorder.start();
                for (ShapeVideos.Scene scene : scenes) {
                    for (BufferedImage image : ShapeVideos.render(scene, framesPerScene)) {
                        recorder.record(converter.convert(image));
                    }
                }
                recorder.stop();
            }
            return new LiveHls(dir, publish);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * FFmpeg's HLS muxer set up for these tests (not started): 64x64 MPEG-2 at 10 fps, a key frame and a 1-second
     * segment every 10 frames, every segment listed.
     */
    public static FFmpegFrameRecorder hlsRecorder(Path playlist) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(playlist.toFile(), ShapeVideos.SIZE, ShapeVideos.SIZE);
        recorder.setFormat("hls");
        recorder.setVideoCodecName("mpeg2video"); // sequence headers in every segment, unlike MPEG-4 part 2 in TS
        recorder.setFrameRate(10);
        recorder.setGopSize(10);
        recorder.setVideoBitrate(1_000_000);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setOption("hls_time", "1");
        recorder.setOption("hls_list_size", "0");
        return recorder;
    }

    /** The live playlist's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.m3u8";
    }

    /** Segments in the whole stream. */
    public int segmentCount() {
        return segments.size();
    }

    /** When a reader last asked for anything (its playlist reloads show it is still reading). */
    public long lastRequestNanos() {
        return lastRequest;
    }

    /** The server's root, for an allow-list. */
    public String prefix() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Segments published so far. */
    public int published() {
        return published;
    }

    private String playlist() {
        int n = published;
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n");
        for (int i = 0; i < n; i++) {
            b.append(durations.get(i)).append('\n').append(segments.get(i)).append('\n');
        }
        if (n == segments.size()) {
            b.append("#EXT-X-ENDLIST\n");
        }
        return b.toString();
    }

    @Override
    public void close() {
        publisher.interrupt();
        server.stop(0);
    }
}
