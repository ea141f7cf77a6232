package io.gitplatform.app.media;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.core.image.Images;
import io.gitplatform.core.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns uploaded bytes into the frames the model sees, within {@code git.limits}. */
@Service
public class MediaService {
    private final LimitsProperties limits;

    public MediaService(LimitsProperties limits) {
        this.limits = limits;
    }

    /** Decodes one upload: a still image, or a video sampled to {@code frames} frames. */
    public Frames decode(byte[] bytes, String name, int frames) {
        checkSize(bytes.length, name);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Corrupt media", name + ": cannot be decoded (" + e + ")");
        }
        if (image == null) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    name + ": not a supported image or video format");
        }
        if ((long) image.getWidth() * image.getHeight() > limits.maxPixels()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Media too large", name + ": " + image.getWidth()
                    + "x" + image.getHeight() + " pixels, more than the limit of " + limits.maxPixels());
        }
        return new Frames(List.of(Images.fromBufferedImage(image)), false, new long[1], new double[1], "image");
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
                throw ApiException.badOption("image " + source + " is a video: send videos alone");
            }
            images.add(still.images().get(0));
            indices[i] = source;
        }
        return new Frames(images, true, indices, new double[n], "images");
    }

    private void checkSize(long size, String name) {
        if (size == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Empty media", name + ": is empty (0 bytes)");
        }
        if (size > limits.maxUploadSize().toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Media too large", name + ": is " + size
                    + " bytes, more than the limit of " + limits.maxUploadSize().toBytes());
        }
    }
}
