package io.gitplatform.app.media;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.spi.RgbImage;
import java.util.List;

/**
 * What the model sees of one upload: one frame for a still image, or a video's sampled frames in clip order.
 *
 * @param indices    the source frame index of each frame
 * @param timestamps the presentation time of each frame in seconds (0 for a still image)
 * @param format     the container recognised from the content (png, jpeg, mp4, ...)
 */
public record Frames(List<RgbImage> images, boolean video, long[] indices, double[] timestamps, String format) {
    /** The frames of what the decoder found. */
    public static Frames of(DecodedMedia m) {
        return new Frames(m.frames(), m.kind() == DecodedMedia.Kind.VIDEO, m.frameIndices(), m.timestampsSeconds(),
                m.format());
    }

    public int count() {
        return images.size();
    }
}
