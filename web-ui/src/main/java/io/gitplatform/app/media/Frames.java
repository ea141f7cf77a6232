package io.gitplatform.app.media;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.VideoSource;
import java.util.List;

/**
 * What the model sees of one upload: one frame for a still image, or a video's sampled frames in clip order.
 *
 * @param indices    the source frame index of each frame
 * @param timestamps the presentation time of each frame in seconds (0 for a still image)
 * @param format     the container recognised from the content (png, jpeg, mp4, ...)
 * @param source     the whole video, for tasks that read more than the sampled frames (timeline); null for stills
 */
public record Frames(List<RgbImage> images, boolean video, long[] indices, double[] timestamps, String format,
        VideoSource source) {

    public Frames(List<RgbImage> images, boolean video, long[] indices, double[] timestamps, String format) {
        this(images, video, indices, timestamps, format, null);
    }

    /** These frames with the whole video they came from. */
    public Frames withSource(VideoSource value) {
        return new Frames(images, video, indices, timestamps, format, value);
    }

    /** The frames of what the decoder found. */
    public static Frames of(DecodedMedia m) {
        return new Frames(m.frames(), m.kind() == DecodedMedia.Kind.VIDEO, m.frameIndices(), m.timestampsSeconds(),
                m.format());
    }

    public int count() {
        return images.size();
    }
}
