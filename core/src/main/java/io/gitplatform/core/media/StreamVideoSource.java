package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.FrameStream;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TimedFrame;
import io.gitplatform.spi.VideoSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A live stream (HLS or DASH over HTTP(S), RTSP, RTMP) read by FFmpeg as it arrives: frames are handed on one at a
 * time and never kept, so memory stays flat however long it runs. A watchdog (FFmpeg's interrupt callback, which the
 * demuxers poll while they wait for data or for a playlist to grow) ends a pass that has delivered no frame for
 * {@code stall} with an error naming the stall, and ends it cleanly as soon as {@code stop} is set, so a cancel does
 * not wait for the next frame. A stream longer than the media limits' maximum duration ends with an error naming
 * the limit. The caller checks the URL against its allow-list first.
 */
public final class StreamVideoSource implements VideoSource, SourceFailure {
    private final String url;
    private final MediaLimits limits;
    private final Duration stall;
    private final CancellationFlag stop;
    private volatile MediaException failure;

    public StreamVideoSource(String url, MediaLimits limits, Duration stall) {
        this(url, limits, stall, new CancellationFlag());
    }

    /** @param stop set it to end a pass at once (a cancelled request); the pass then ends as at the end of stream */
    public StreamVideoSource(String url, MediaLimits limits, Duration stall, CancellationFlag stop) {
        if (!url.matches("(?i)(https?|rtsp|rtmps?)://.+")) {
            throw new IllegalArgumentException("a stream URL starts with http(s)://, rtsp:// or rtmp(s)://, got '"
                    + url + "'");
        }
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("the stall limit must be positive, got " + stall);
        }
        this.url = url;
        this.limits = limits;
        this.stall = stall;
        this.stop = stop;
    }

    @Override
    public double durationSeconds() {
        return 0;
    }

    @Override
    public double frameRate() {
        return 0;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public MediaException failure() {
        return failure;
    }

    @Override
    public FrameStream frames(double stepSeconds, int maxSide) {
        MediaVideoSource.checkPass(stepSeconds, maxSide);
        FfmpegLog.install();
        failure = null;
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        grabber.setPixelFormat(AV_PIX_FMT_RGB24);
        // Until the interrupt callback is in place (it needs the opened context), I/O waits are bounded by this.
        grabber.setOption("rw_timeout", Long.toString(stall.toNanos() / 1000));
        grabber.setOption("live_start_index", "0"); // HLS: from the first segment the playlist still lists
        // Opening probes the stream; by default it reads 5 s of it, which on a live stream means waiting for them.
        grabber.setOption("analyzeduration", "1000000");
        // HLS reloads a playlist that does not grow (every half target duration) this many times before it gives
        // up: the bound on a stall while opening, before the watchdog is in place.
        grabber.setOption("m3u8_hold_counters", Long.toString(Math.max(2, 2 * stall.toSeconds())));
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            throw fail(new MediaException(MediaException.Reason.BROKEN, url + ": the stream could not be opened ("
                    + e.getMessage() + ")", e));
        }
        return new Pass(grabber, stepSeconds, maxSide);
    }

    private IllegalStateException fail(MediaException e) {
        failure = e;
        return new IllegalStateException(e.getMessage(), e);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // nothing more to free
        }
    }

    /** FFmpeg polls it while it waits: 1 aborts the wait (the read then fails, and the pass ends). */
    private static final class Watchdog extends AVIOInterruptCB.Callback_Pointer {
        private final long stallNanos;
        private final CancellationFlag stop;
        private volatile long lastFrame = System.nanoTime();
        private volatile boolean stalled;

        Watchdog(Duration stall, CancellationFlag stop) {
            this.stallNanos = stall.toNanos();
            this.stop = stop;
        }

        void frameArrived() {
            lastFrame = System.nanoTime();
        }

        @Override
        public int call(Pointer opaque) {
            if (stop.isCancelled()) {
                return 1;
            }
            if (System.nanoTime() - lastFrame > stallNanos) {
                stalled = true;
                return 1;
            }
            return 0;
        }
    }

    private final class Pass implements FrameStream {
        private final FFmpegFrameGrabber grabber;
        private final double step;
        private final int maxSide;
        private final Watchdog watchdog;
        private long origin = Long.MIN_VALUE;
        private double next;

        Pass(FFmpegFrameGrabber grabber, double step, int maxSide) {
            this.grabber = grabber;
            this.step = step;
            this.maxSide = maxSide;
            this.watchdog = new Watchdog(stall, stop);
            grabber.getFormatContext().interrupt_callback().callback(watchdog);
        }

        @Override
        public TimedFrame next() {
            while (true) {
                if (stop.isCancelled()) {
                    return null;
                }
                Frame frame;
                try {
                    frame = grabber.grabImage();
                } catch (FrameGrabber.Exception e) {
                    throw stalledOr(new MediaException(MediaException.Reason.BROKEN, url + ": the stream broke ("
                            + e.getMessage() + ")", e));
                }
                if (frame == null || frame.image == null) {
                    // JavaCV reads an aborted or failed read as the end: the watchdog knows whether it was a stall.
                    if (watchdog.stalled && !stop.isCancelled()) {
                        throw stalledOr(null);
                    }
                    return null;
                }
                watchdog.frameArrived();
                if (origin == Long.MIN_VALUE) {
                    origin = frame.timestamp;
                }
                double seconds = (frame.timestamp - origin) / 1e6;
                if (seconds > limits.maxDurationSeconds()) {
                    throw fail(new MediaException(MediaException.Reason.TOO_LONG, String.format(Locale.ROOT,
                            "%s: the stream ran past the limit of %.1f s", url, limits.maxDurationSeconds())));
                }
                if (seconds + 1e-6 < next) {
                    continue;
                }
                while (next <= seconds + 1e-6) {
                    next += step;
                }
                return new TimedFrame(Downscale.fit(rgb(frame), maxSide), seconds);
            }
        }

        private IllegalStateException stalledOr(MediaException other) {
            if (watchdog.stalled) {
                return fail(new MediaException(MediaException.Reason.STALLED, url + ": the stream stalled: no new"
                        + " frame for more than " + stall.toMillis() + " ms"));
            }
            return fail(other);
        }

        private RgbImage rgb(Frame frame) {
            int w = frame.imageWidth;
            int h = frame.imageHeight;
            if ((long) w * h > limits.maxPixels()) {
                throw fail(new MediaException(MediaException.Reason.TOO_LARGE, String.format(Locale.ROOT,
                        "%s: frames of %dx%d are larger than the limit of %.1f MP", url, w, h,
                        limits.maxPixels() / 1e6)));
            }
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                buffer.get(y * frame.imageStride, rgb, y * w * 3, w * 3);
            }
            return new RgbImage(w, h, rgb);
        }

        @Override
        public void close() {
            grabber.getFormatContext().interrupt_callback().callback(null);
            release(grabber);
            watchdog.close();
        }
    }
}
