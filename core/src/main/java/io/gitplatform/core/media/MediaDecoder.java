package io.gitplatform.core.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes an image or a video into upright RGB frames: one frame for an image, {@code frames} frames spread uniformly
 * over a video (see {@link FrameSampler}). The format is recognised from the content, never the file name. Every
 * failure is a {@link MediaException}; all work is bounded by {@link MediaLimits}. Thread-safe: each call opens its
 * own decoder.
 */
public final class MediaDecoder {

    /** Each frame is a full-resolution copy, so requests are capped far above any model's needs. */
    static final int MAX_FRAMES = 256;

    private final MediaLimits limits;

    public MediaDecoder(MediaLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public MediaLimits limits() {
        return limits;
    }

    /** Decodes a file; messages name it by its file name. */
    public DecodedMedia decode(Path file, int frames) {
        checkFrames(frames);
        String name = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": is not a readable file (" + file + ")");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": cannot be read (" + e + ")", e);
        }
        checkSize(size, name);
        try (MediaSource source = MediaSource.open(file)) {
            return decode(source, name, frames);
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": cannot be read (" + e + ")", e);
        }
    }

    /** Decodes uploaded bytes; {@code nameHint} (e.g. the upload's file name) only labels messages. */
    public DecodedMedia decode(byte[] bytes, String nameHint, int frames) {
        checkFrames(frames);
        String name = nameHint == null || nameHint.isBlank() ? "upload" : nameHint;
        checkSize(bytes.length, name);
        try (MediaSource source = MediaSource.of(bytes)) {
            return decode(source, name, frames);
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": cannot be read (" + e + ")", e);
        }
    }

    private DecodedMedia decode(MediaSource source, String name, int frames) throws IOException {
        try {
            return decodeChecked(source, name, frames);
        } catch (MediaException e) {
            throw e;
        } catch (RuntimeException e) { // a library surprise on odd input must still reach the caller as a media failure
            throw new MediaException(MediaException.Reason.CORRUPT, name + ": decoding failed (" + e + ")", e);
        }
    }

    private DecodedMedia decodeChecked(MediaSource source, String name, int frames) throws IOException {
        Deadline deadline = Deadline.after(limits.timeout(), name);
        ContainerFormat format = ContainerFormat.detectOrThrow(source.bytesAt(0, ContainerFormat.HEAD), name);
        if (format.still || format == ContainerFormat.GIF) {
            checkDeclaredSize(StillHeader.read(format, source, name), name);
        }
        if (!format.still) {
            return new VideoSampler(() -> FfmpegInput.open(source, format, limits, deadline, name), format, limits, name)
                    .sample(frames);
        }
        try (FfmpegInput input = FfmpegInput.open(source, format, limits, deadline, name)) {
            Picture picture = input.next();
            if (picture == null) {
                throw new MediaException(MediaException.Reason.CORRUPT,
                        name + ": the " + format.label + " image could not be decoded; truncated or damaged file?");
            }
            return MediaResults.image(picture, format, input.info().codec(), input.notes());
        }
    }

    private void checkDeclaredSize(StillHeader.Size size, String name) {
        if (size.pixels() > limits.maxPixels()) {
            throw new MediaException(MediaException.Reason.TOO_LARGE, String.format(Locale.ROOT,
                    "%s: the header declares %dx%d = %.1f MP, more than the limit of %.1f MP; refused before decoding",
                    name, size.width(), size.height(), size.pixels() / 1e6, limits.maxPixels() / 1e6));
        }
    }

    private void checkSize(long size, String name) {
        if (size == 0) {
            throw new MediaException(MediaException.Reason.EMPTY, name + ": is empty (0 bytes)");
        }
        if (size > limits.maxBytes()) {
            throw new MediaException(MediaException.Reason.TOO_LARGE,
                    name + ": is " + size + " bytes, more than the limit of " + limits.maxBytes());
        }
    }

    private static void checkFrames(int frames) {
        if (frames < 1 || frames > MAX_FRAMES) {
            throw new IllegalArgumentException("frames must be 1.." + MAX_FRAMES + ", got " + frames);
        }
    }
}
