package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.FrameStream;
import io.gitplatform.spi.TimedFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live HLS stream served over local HTTP: its end, a stall mid-way, a cancel while waiting, the duration limit. */
class StreamVideoSourceTests {
    private static final List<Scene> SCENES = List.of(
            new Scene(Shape.CIRCLE, ShapeColor.RED, Background.BLACK, Direction.RIGHT),
            new Scene(Shape.SQUARE, ShapeColor.BLUE, Background.WHITE, Direction.LEFT));

    @TempDir
    Path tmp;

    @Test
    void aStreamThatStopsGrowingEndsWithAnErrorNamingTheStall() {
        try (LiveHls hls = LiveHls.start(tmp, SCENES, 20, 2)) { // 4 segments, 2 ever published
            StreamVideoSource source = new StreamVideoSource(hls.url(), MediaLimits.defaults(), Duration.ofSeconds(2));
            double last = -1;
            long start = System.nanoTime();
            try (FrameStream frames = source.frames(0.5, 64)) {
                TimedFrame f;
                while (true) {
                    try {
                        f = frames.next();
                    } catch (IllegalStateException e) {
                        assertThat(e).hasMessageContaining("stalled").hasMessageContaining("2000 ms");
                        break;
                    }
                    assertThat(f).as("the stream never ends: it stalls").isNotNull();
                    last = f.seconds();
                }
            }
            assertThat(last).as("the published two seconds were read first").isGreaterThanOrEqualTo(1.5);
            assertThat(source.failure().reason()).isEqualTo(MediaException.Reason.STALLED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aCancelEndsAPassThatWaitsForTheStreamAtOnce() throws Exception {
        try (LiveHls hls = LiveHls.start(tmp, SCENES, 20, 2)) {
            CancellationFlag stop = new CancellationFlag();
            StreamVideoSource source = new StreamVideoSource(hls.url(), MediaLimits.defaults(), Duration.ofSeconds(30),
                    stop);
            try (FrameStream frames = source.frames(0.5, 64)) {
                while (frames.next().seconds() < 1.5) {
                    // the published part
                }
                // The next read waits for a segment that never comes: cancel it from another thread.
                Thread canceller = new Thread(() -> {
                    sleep(500);
                    stop.cancel();
                });
                canceller.start();
                long start = System.nanoTime();
                assertThat(frames.next()).as("a cancelled pass ends like the stream").isNull();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                canceller.join();
            }
            assertThat(source.failure()).isNull();
        }
    }

    @Test
    void aStreamThatEndsEndsThePassCleanly() {
        try (LiveHls hls = LiveHls.start(tmp, SCENES, 15, Integer.MAX_VALUE)) { // 3 segments, all published
            StreamVideoSource source = new StreamVideoSource(hls.url(), MediaLimits.defaults(), Duration.ofSeconds(5));
            int n = 0;
            try (FrameStream frames = source.frames(0.5, 64)) {
                while (frames.next() != null) {
                    n++;
                }
            }
            assertThat(n).isBetween(5, 7);
            assertThat(source.failure()).isNull();
        }
    }

    @Test
    void aStreamPastTheDurationLimitEndsWithThatProblem() {
        try (LiveHls hls = LiveHls.start(tmp, SCENES, 20, Integer.MAX_VALUE)) {
            MediaLimits d = MediaLimits.defaults();
            MediaLimits limits = new MediaLimits(d.maxBytes(), d.maxPixels(), 1.0, d.maxFrameCount(), d.timeout());
            StreamVideoSource source = new StreamVideoSource(hls.url(), limits, Duration.ofSeconds(5));
            try (FrameStream frames = source.frames(0.5, 64)) {
                assertThatThrownBy(() -> {
                    while (frames.next() != null) {
                        // read on
                    }
                }).hasMessageContaining("past the limit of 1.0 s");
            }
            assertThat(source.failure().reason()).isEqualTo(MediaException.Reason.TOO_LONG);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
