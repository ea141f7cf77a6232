package io.gitplatform.core.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes {@code wanted} frames spread over a video (see {@link FrameSampler}). Seeks to each when the frame rate maps
 * indices to times (a constant rate) and checks it landed on the right frame; otherwise (GIF, whose frames build on
 * each other, a variable or unknown frame rate, or a seek that landed elsewhere) counts the frames and decodes them in
 * order, bounded by the frame-count limit and the deadline.
 */
final class VideoSampler {

    private static final Logger LOG = LoggerFactory.getLogger(VideoSampler.class);

    private final Supplier<FfmpegInput> opener;
    private final ContainerFormat format;
    private final MediaLimits limits;
    private final String name;
    private final List<String> notes = new ArrayList<>();

    /** @param opener opens the video afresh (each pass reads from the start) */
    VideoSampler(Supplier<FfmpegInput> opener, ContainerFormat format, MediaLimits limits, String name) {
        this.opener = opener;
        this.format = format;
        this.limits = limits;
        this.name = name;
    }

    DecodedMedia sample(int wanted) {
        VideoInfo info;
        try (FfmpegInput input = opener.get()) {
            info = input.info();
            checkDuration(info.durationSeconds());
            long expected = info.expectedFrameCount();
            if (format != ContainerFormat.GIF && info.frameRate() > 0 && expected > 0 && info.constantFrameRate()) {
                checkFrameCount(expected);
                long[] indices = FrameSampler.indices(expected, wanted);
                List<Picture> pictures = seekAll(input, indices, info.frameRate());
                if (pictures != null) {
                    if (info.headerFrameCount() == 0) {
                        notes.add("frame count estimated from duration x frame rate (the container does not store it)");
                    }
                    notes.addAll(input.notes());
                    return MediaResults.video(pictures, indices, expected, info.durationSeconds(), info.frameRate(),
                            format, info.codec(), notes);
                }
                notes.add("seeking did not land on the expected frames (variable frame rate?), so frames were "
                        + "decoded in order");
            } else if (format != ContainerFormat.GIF) {
                notes.add(info.constantFrameRate() ? "frame rate or count unknown, so frames were decoded in order"
                        : "variable frame rate, so frames were decoded in order");
            }
        }
        return sequential(info, wanted);
    }

    private List<Picture> seekAll(FfmpegInput input, long[] indices, double fps) {
        Map<Long, Picture> byIndex = new HashMap<>();
        for (long index : indices) {
            if (!byIndex.containsKey(index)) {
                Picture picture = input.seek(index);
                if (picture == null || Math.round(picture.seconds() * fps) != index) {
                    LOG.debug("{}: seeking to frame {} landed at {} s", name, index,
                            picture == null ? null : picture.seconds());
                    return null;
                }
                byIndex.put(index, picture);
            }
        }
        return Arrays.stream(indices).mapToObj(byIndex::get).toList();
    }

    private DecodedMedia sequential(VideoInfo info, int wanted) {
        long count;
        try (FfmpegInput input = opener.get()) {
            count = input.countFrames(limits.maxFrameCount());
        }
        if (count == 0) {
            throw new MediaException(MediaException.Reason.CORRUPT, name + ": contains no video frames");
        }
        long announced = Math.max(count, info.headerFrameCount());
        if (count < announced) {
            notes.add("the file holds only " + count + " of the " + announced
                    + " frames its header announces; truncated?");
        }
        long[] indices = FrameSampler.indices(count, wanted);
        try (FfmpegInput input = opener.get()) {
            Map<Long, Picture> byIndex = new HashMap<>();
            for (long i = 0; i <= indices[indices.length - 1]; i++) {
                if (Arrays.binarySearch(indices, i) >= 0) {
                    Picture picture = input.next();
                    if (picture == null) {
                        throw truncated(i, announced);
                    }
                    byIndex.put(i, picture);
                } else if (!input.skip()) {
                    throw truncated(i, announced);
                }
            }
            List<Picture> pictures = Arrays.stream(indices).mapToObj(byIndex::get).toList();
            if (format == ContainerFormat.GIF && count == 1) {
                return MediaResults.image(pictures.get(0), format, info.codec(), input.notes());
            }
            notes.addAll(input.notes());
            double duration = info.durationSeconds();
            double fps = info.frameRate() > 0 ? info.frameRate() : duration > 0 ? count / duration : 0;
            return MediaResults.video(pictures, indices, count, duration, fps, format, info.codec(), notes);
        }
    }

    private MediaException truncated(long decoded, long count) {
        return new MediaException(MediaException.Reason.CORRUPT, name + ": only " + decoded + " of the " + count
                + " frames could be decoded; truncated or damaged file?");
    }

    private void checkDuration(double seconds) {
        if (seconds > limits.maxDurationSeconds()) {
            throw new MediaException(MediaException.Reason.TOO_LONG, String.format(Locale.ROOT,
                    "%s: lasts %.1f s, longer than the limit of %.1f s", name, seconds, limits.maxDurationSeconds()));
        }
    }

    private void checkFrameCount(long frames) {
        if (frames > limits.maxFrameCount()) {
            throw new MediaException(MediaException.Reason.TOO_LONG,
                    name + ": has " + frames + " frames, more than the limit of " + limits.maxFrameCount());
        }
    }
}
