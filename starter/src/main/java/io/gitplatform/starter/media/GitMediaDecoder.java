package io.gitplatform.starter.media;

import io.gitplatform.core.image.Images;
import io.gitplatform.core.image.RgbImage;
import io.gitplatform.starter.GitInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.springframework.util.unit.DataSize;

/**
 * Decodes {@link GitMedia} to frames: a still image, or several stills as one video's frames. Images go through
 * ImageIO (PNG, JPEG, GIF, BMP). Video files wait for core's media package (FFmpeg), which will replace this class's
 * decoding; until then they are refused with a message that says how to send frames instead.
 */
public class GitMediaDecoder {

    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "webm", "mkv", "mov", "avi", "mpeg",
            "mpg", "wmv", "flv", "3gp", "ogv");

    private final long maxBytes;

    public GitMediaDecoder(DataSize maxMediaSize) {
        this.maxBytes = maxMediaSize.toBytes();
    }

    /** @param maxFrames the most frames the model takes for one video */
    public DecodedMedia decode(GitMedia media, int maxFrames) {
        List<GitMedia.Part> parts = media.parts();
        if (parts.size() > maxFrames) {
            throw new GitInputException(parts.size() + " frames given; this model takes at most " + maxFrames);
        }
        List<RgbImage> frames = new ArrayList<>(parts.size());
        for (GitMedia.Part part : parts) {
            if (isVideo(part)) {
                throw new GitInputException("cannot decode video " + part.resource().getDescription()
                        + " yet: send its frames as images (several image parts are one video's frames)");
            }
            frames.add(image(part));
        }
        return new DecodedMedia(frames, parts.size() > 1);
    }

    private RgbImage image(GitMedia.Part part) {
        byte[] bytes = read(part);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new GitInputException("cannot decode image " + part.resource().getDescription() + ": " + e, e);
        }
        if (image == null) {
            throw new GitInputException(part.resource().getDescription()
                    + " is not an image in a format this build reads (PNG, JPEG, GIF, BMP)");
        }
        return Images.fromBufferedImage(image);
    }

    private byte[] read(GitMedia.Part part) {
        try {
            if (part.resource().isFile() && part.resource().contentLength() > maxBytes) {
                throw tooLarge(part);
            }
            try (InputStream in = part.resource().getInputStream()) {
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > maxBytes) {
                    throw tooLarge(part);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + part.resource().getDescription() + ": " + e, e);
        }
    }

    private GitInputException tooLarge(GitMedia.Part part) {
        return new GitInputException(part.resource().getDescription() + " is larger than git.limits.max-media-size ("
                + DataSize.ofBytes(maxBytes) + ")");
    }

    static boolean isVideo(GitMedia.Part part) {
        if (part.mimeType() != null) {
            return "video".equals(part.mimeType().getType());
        }
        String name = part.resource().getFilename();
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot >= 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
