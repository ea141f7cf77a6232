package io.gitplatform.app.media;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.Limits;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.platform.Problem;
import io.gitplatform.spi.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns uploaded bytes into the frames the model sees, within {@code git.limits}; failures become problems. */
@Service
public class MediaService {
    private final MediaDecoder decoder;

    public MediaService(Limits limits) {
        this.decoder = new MediaDecoder(limits.media());
    }

    /** Decodes one upload: a still image, or a video sampled to {@code frames} frames spread over the clip. */
    public Frames decode(byte[] bytes, String name, int frames) {
        DecodedMedia m;
        try {
            m = decoder.decode(bytes, name, frames);
        } catch (MediaException e) {
            throw problem(e);
        }
        return new Frames(m.frames(), m.kind() == DecodedMedia.Kind.VIDEO, m.frameIndices(), m.timestampsSeconds(),
                m.format());
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

    /** Each decoding failure with the status a client can act on (core's table, shared with the batch jobs). */
    static ApiException problem(MediaException e) {
        Problem p = Problem.of(e);
        return new ApiException(HttpStatus.valueOf(p.status()), p.title(), p.detail());
    }
}
