package io.gitplatform.starter.media;

import io.gitplatform.core.image.RgbImage;
import java.util.List;

/**
 * Pixels ready for the model.
 *
 * @param frames one frame for a still image; a video's frames in time order
 * @param video  whether the frames are a video (the model adds temporal embeddings)
 */
public record DecodedMedia(List<RgbImage> frames, boolean video) {
    public DecodedMedia {
        frames = List.copyOf(frames);
    }
}
