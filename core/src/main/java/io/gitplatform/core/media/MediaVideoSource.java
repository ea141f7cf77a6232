package io.gitplatform.core.media;

import io.gitplatform.spi.FrameStream;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TimedFrame;
import io.gitplatform.spi.VideoSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A video file or upload as a {@link VideoSource}: each pass opens it afresh and decodes in order, so memory is one
 * frame (plus FFmpeg's buffers) however long the video. Bounded by the {@link MediaLimits}: duration and frame count
 * are checked on opening, and each pass has the decode timeout as its wall-clock budget.
 */
public final class MediaVideoSource implements VideoSource, SourceFailure {
    private final Callable<MediaSource> bytes;
    private final MediaLimits limits;
    private final String name;
    private ContainerFormat format;
    private VideoInfo info;
    private volatile MediaException failure;

    private MediaVideoSource(Callable<MediaSource> bytes, MediaLimits limits, String name) {
        this.bytes = bytes;
        this.limits = limits;
        this.name = name;
    }

    /** Opened on first use: front doors attach a source to every video, and most tasks never read it. */
    private synchronized VideoInfo info() {
        if (info == null) {
            try {
                info = probe();
            } catch (MediaException e) { // a head sees SPI types only; the cause keeps the reason for front doors
                failure = e;
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return info;
    }

    private VideoInfo probe() {
        VideoInfo info;
        try (MediaSource source = open()) {
            format = ContainerFormat.detectOrThrow(source.bytesAt(0, ContainerFormat.HEAD), name);
            if (format.still) {
                throw new MediaException(MediaException.Reason.NO_VIDEO_STREAM,
                        name + ": is a still " + format.label + " image, not a video");
            }
            try (FfmpegInput input = FfmpegInput.open(source, format, limits,
                    Deadline.after(limits.timeout(), name), name)) {
                info = input.info();
            }
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": cannot be read (" + e + ")", e);
        }
        if (info.durationSeconds() > limits.maxDurationSeconds()) {
            throw new MediaException(MediaException.Reason.TOO_LONG, String.format(Locale.ROOT,
                    "%s: lasts %.1f s, longer than the limit of %.1f s", name, info.durationSeconds(),
                    limits.maxDurationSeconds()));
        }
        if (info.expectedFrameCount() > limits.maxFrameCount()) {
            throw new MediaException(MediaException.Reason.TOO_LONG, name + ": has " + info.expectedFrameCount()
                    + " frames, more than the limit of " + limits.maxFrameCount());
        }
        return info;
    }

    /** The video in {@code bytes} (an upload); {@code name} labels messages. */
    public static MediaVideoSource of(byte[] bytes, String name, MediaLimits limits) {
        return new MediaVideoSource(() -> MediaSource.of(bytes), limits, name);
    }

    /** The video file, read from disk on each pass (never held in memory). */
    public static MediaVideoSource of(java.nio.file.Path file, MediaLimits limits) {
        return new MediaVideoSource(() -> MediaSource.open(file), limits, String.valueOf(file.getFileName()));
    }

    @Override
    public double durationSeconds() {
        return info().durationSeconds();
    }

    @Override
    public double frameRate() {
        return info().frameRate();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public MediaException failure() {
        return failure;
    }

    @Override
    public FrameStream frames(double stepSeconds, int maxSide) {
        checkPass(stepSeconds, maxSide);
        VideoInfo known = info();
        MediaSource source = open();
        try {
            FfmpegInput input = FfmpegInput.open(source, format, limits, Deadline.after(limits.timeout(), name), name);
            return new Pass(input, source, stepSeconds, maxSide, known.frameRate(), limits.maxFrameCount());
        } catch (MediaException e) {
            closeQuietly(source);
            failure = e;
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    static void checkPass(double stepSeconds, int maxSide) {
        if (!(stepSeconds > 0) || maxSide < 16) {
            throw new IllegalArgumentException("a pass needs a positive step and a side of at least 16, got "
                    + stepSeconds + " s and " + maxSide);
        }
    }

    private MediaSource open() {
        try {
            return bytes.call();
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": cannot be read (" + e + ")", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(MediaSource source) {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One pass: frames decoded in order, those between grid times skipped without conversion when the rate is known. */
    private final class Pass implements FrameStream {
        private final FfmpegInput input;
        private final MediaSource source;
        private final double step;
        private final int maxSide;
        private final double frameSeconds;
        private final long maxFrames;
        private double next;
        private double last = Double.NaN;
        private long decoded;

        Pass(FfmpegInput input, MediaSource source, double step, int maxSide, double fps, long maxFrames) {
            this.input = input;
            this.source = source;
            this.step = step;
            this.maxSide = maxSide;
            this.frameSeconds = fps > 0 ? 1 / fps : 0;
            this.maxFrames = maxFrames;
        }

        @Override
        public TimedFrame next() {
            try {
                while (true) {
                    if (++decoded > maxFrames) {
                        throw new MediaException(MediaException.Reason.TOO_LONG,
                                "the video has more than " + maxFrames + " frames, the limit");
                    }
                    // A frame well before the next grid time is decoded but not converted to RGB.
                    if (frameSeconds > 0 && !Double.isNaN(last) && last + 1.5 * frameSeconds < next) {
                        if (!input.skip()) {
                            return null;
                        }
                        last += frameSeconds;
                        continue;
                    }
                    Picture picture = input.next();
                    if (picture == null) {
                        return null;
                    }
                    last = picture.seconds();
                    if (last + frameSeconds / 2 >= next) {
                        while (next <= last + frameSeconds / 2) {
                            next += step;
                        }
                        return new TimedFrame(Downscale.fit(picture.image(), maxSide), picture.seconds());
                    }
                }
            } catch (MediaException e) {
                failure = e;
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                input.close();
            } finally {
                closeQuietly(source);
            }
        }
    }
}
