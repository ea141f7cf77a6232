package io.gitplatform.app.media;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.media.MediaVideoSource;
import io.gitplatform.core.platform.Problem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns uploaded bytes into the frames the model sees, within {@code git.limits}; failures become problems. */
@Service
public class MediaService {
    private final MediaDecoder decoder;

    /** The starter's decoder, built from {@code git.limits}. */
    public MediaService(MediaDecoder decoder) {
        this.decoder = decoder;
    }

    /** Decodes one upload: a still image, or a video sampled to {@code frames} frames spread over the clip. */
    public Frames decode(byte[] bytes, String name, int frames) {
        Frames decoded = Frames.of(decodeMedia(bytes, name, frames));
        // The whole video too (opened only if a task reads it), for tasks that need more than the sampled frames.
        return decoded.video() ? decoded.withSource(MediaVideoSource.of(bytes,
                name == null || name.isBlank() ? "upload" : name, decoder.limits())) : decoded;
    }

    /** {@link #decode}, keeping everything the decoder found. */
    public DecodedMedia decodeMedia(byte[] bytes, String name, int frames) {
        try {
            return decoder.decode(bytes, name, frames);
        } catch (MediaException e) {
            throw problem(e);
        }
    }

    /** Several still images as the frames of one video ({@link DecodedMedia#stillsAsVideo}). */
    public Frames asVideo(List<DecodedMedia> stills, int frames) {
        try {
            return Frames.of(DecodedMedia.stillsAsVideo(stills, frames));
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption(e.getMessage() + ": send a video as the only image_url");
        }
    }

    /** Each decoding failure with the status a client can act on (core's table, shared with the batch jobs). */
    static ApiException problem(MediaException e) {
        Problem p = Problem.of(e);
        return new ApiException(HttpStatus.valueOf(p.status()), p.title(), p.detail());
    }
}
