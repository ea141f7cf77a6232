package io.gitplatform.starter.media;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.MediaVideoSource;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.VideoSource;
import io.gitplatform.starter.GitInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.io.Resource;

/**
 * Decodes {@link GitMedia} to the frames a task looks at, with core's {@link MediaDecoder} (FFmpeg; the format is
 * recognised from the content): one image is a still, one video is sampled to the model's frame count, and several
 * images are the frames of one video. Undecodable media fail with {@link MediaException}, whose reason says why.
 */
public class GitMediaDecoder {

    private final MediaDecoder decoder;

    public GitMediaDecoder(MediaDecoder decoder) {
        this.decoder = decoder;
    }

    public GitMediaDecoder(MediaLimits limits) {
        this(new MediaDecoder(limits));
    }

    /** @param maxFrames the frames the model takes for one video ({@code num_image_with_embedding}) */
    public TaskInput decode(GitMedia media, int maxFrames) {
        List<GitMedia.Part> parts = media.parts();
        if (parts.size() == 1) {
            Decoded decoded = decode(parts.get(0).resource(), maxFrames);
            if (maxFrames == 1) {
                return TaskInput.image(decoded.media().frames().get(0));
            }
            return decoded.media().input(decoded.wholeVideo());
        }
        if (parts.size() > maxFrames) {
            throw new GitInputException(parts.size() + " frames given; this model takes at most " + maxFrames);
        }
        List<DecodedMedia> stills = new ArrayList<>(parts.size());
        for (GitMedia.Part part : parts) {
            stills.add(decode(part.resource(), 1).media());
        }
        try {
            return DecodedMedia.stillsAsVideo(stills, maxFrames).input();
        } catch (IllegalArgumentException e) {
            throw new GitInputException(e.getMessage());
        }
    }

    /** Decoded frames, and the whole video behind them (made only if asked for). */
    private record Decoded(DecodedMedia media, Supplier<VideoSource> wholeVideo) {
    }

    private Decoded decode(Resource resource, int frames) {
        try {
            if (resource.isFile()) {
                java.nio.file.Path file = resource.getFile().toPath();
                return new Decoded(decoder.decode(file, frames), () -> MediaVideoSource.of(file, decoder.limits()));
            }
            byte[] bytes = read(resource);
            String name = resource.getFilename() == null ? "upload" : resource.getFilename();
            return new Decoded(decoder.decode(bytes, resource.getFilename(), frames),
                    () -> MediaVideoSource.of(bytes, name, decoder.limits()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getDescription() + ": " + e, e);
        }
    }

    /** Reads at most one byte past the limit, so an endless stream cannot fill the heap; the decoder refuses it. */
    private byte[] read(Resource resource) throws IOException {
        long max = decoder.limits().maxBytes();
        try (InputStream in = resource.getInputStream()) {
            return in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        }
    }
}
