package io.gitplatform.app.media;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.Limits;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.MediaVideoSource;
import io.gitplatform.spi.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns uploaded bytes into the frames the model sees, within {@code git.limits}; failures become problems. */
@Service
public class MediaService {
    private final MediaDecoder decoder;
    private final MediaLimits limits;

    public MediaService(Limits limits) {
        this.limits = limits.media();
        this.decoder = new MediaDecoder(this.limits);
    }

    /** Decodes one upload: a still image, or a video sampled to {@code frames} frames spread over the clip. */
    public Frames decode(byte[] bytes, String name, int frames) {
        DecodedMedia m;
        try {
            m = decoder.decode(bytes, name, frames);
        } catch (MediaException e) {
            throw problem(e);
        }
        boolean video = m.kind() == DecodedMedia.Kind.VIDEO;
        // The whole video too (opened only if a task reads it), for tasks that need more than the sampled frames.
        return new Frames(m.frames(), video, m.frameIndices(), m.timestampsSeconds(), m.format(),
                video ? MediaVideoSource.of(bytes, name == null || name.isBlank() ? "upload" : name, limits) : null);
    }

    /**
     * Several still images as the frames of one video, in order; more than {@code frames} are thinned to the centre of
     * {@code frames} equal segments. A single image stays a still image.
     */
    public Frames asVideo(List<Frames> stills, int frames) {
        if (stills.size() == 1) {
            return stills.get(0);
        }
        int n = Math.min(stills.size(), frames);
        List<RgbImage> images = new ArrayList<>();
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            int source = (int) ((2L * i + 1) * stills.size() / (2L * n));
            Frames still = stills.get(source);
            if (still.video()) {
                throw ApiException.badOption("image " + source + " is a video: send a video as the only image_url");
            }
            images.add(still.images().get(0));
            indices[i] = source;
        }
        return new Frames(images, true, indices, new double[n], "images");
    }

    /** Each decoding failure with the status a client can act on. */
    static ApiException problem(MediaException e) {
        return switch (e.reason()) {
            case EMPTY -> new ApiException(HttpStatus.BAD_REQUEST, "Empty media", e.getMessage());
            case UNRECOGNIZED_FORMAT -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    e.getMessage());
            case NO_VIDEO_STREAM -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "No video stream",
                    e.getMessage());
            case UNSUPPORTED_CODEC -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported codec",
                    e.getMessage());
            case CORRUPT, UNREADABLE -> new ApiException(HttpStatus.BAD_REQUEST, "Corrupt media", e.getMessage());
            case TOO_LARGE -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Media too large", e.getMessage());
            case TOO_LONG -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Video too long", e.getMessage());
            case TIMEOUT -> new ApiException(HttpStatus.GATEWAY_TIMEOUT, "Decoding timed out", e.getMessage());
        };
    }
}
