package io.gitplatform.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import io.gitplatform.spi.FrameStream;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TimedFrame;
import io.gitplatform.spi.VideoSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A live stream (HLS or DASH over HTTP(S), RTSP, RTMP) read by FFmpeg as it arrives: frames are handed on one at a
 * time and never kept, so memory stays flat however long it runs. A read that waits longer than {@code stall} ends
 * the pass with an error naming the stall; the pass ends cleanly at the end of the stream or after the media limits'
 * maximum duration. The caller checks the URL against its allow-list first.
 */
public final class StreamVideoSource implements VideoSource {
    private final String url;
    private final MediaLimits limits;
    private final Duration stall;

    public StreamVideoSource(String url, MediaLimits limits, Duration stall) {
        if (!url.matches("(?i)(https?|rtsp|rtmps?)://.+")) {
            throw new IllegalArgumentException("a stream URL starts with http(s)://, rtsp:// or rtmp(s)://, got '"
                    + url + "'");
        }
        this.url = url;
        this.limits = limits;
        this.stall = stall;
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
    public FrameStream frames(double stepSeconds, int maxSide) {
        MediaVideoSource.checkPass(stepSeconds, maxSide);
        FfmpegLog.install();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        grabber.setPixelFormat(AV_PIX_FMT_RGB24);
        grabber.setOption("rw_timeout", Long.toString(stall.toNanos() / 1000));
        grabber.setOption("live_start_index", "0"); // HLS: from the first segment the playlist still lists
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            throw new IllegalStateException(url + ": the stream could not be opened (" + e.getMessage() + ")", e);
        }
        return new Pass(grabber, stepSeconds, maxSide);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // nothing more to free
        }
    }

    private final class Pass implements FrameStream {
        private final FFmpegFrameGrabber grabber;
        private final double step;
        private final int maxSide;
        private long origin = Long.MIN_VALUE;
        private double next;

        Pass(FFmpegFrameGrabber grabber, double step, int maxSide) {
            this.grabber = grabber;
            this.step = step;
            this.maxSide = maxSide;
        }

        @Override
        public TimedFrame next() {
            while (true) {
                Frame frame;
                try {
                    frame = grabber.grabImage();
                } catch (FrameGrabber.Exception e) {
                    throw new IllegalStateException(url + ": the stream broke or stalled for more than "
                            + stall.toMillis() + " ms (" + e.getMessage() + ")", e);
                }
                if (frame == null || frame.image == null) {
                    return null;
                }
                if (origin == Long.MIN_VALUE) {
                    origin = frame.timestamp;
                }
                double seconds = (frame.timestamp - origin) / 1e6;
                if (seconds > limits.maxDurationSeconds()) {
                    return null; // the longest a request may read: the timeline ends here
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

        private RgbImage rgb(Frame frame) {
            int w = frame.imageWidth;
            int h = frame.imageHeight;
            if ((long) w * h > limits.maxPixels()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: frames of %dx%d are larger than the"
                        + " limit of %.1f MP", url, w, h, limits.maxPixels() / 1e6));
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
            release(grabber);
        }
    }
}
