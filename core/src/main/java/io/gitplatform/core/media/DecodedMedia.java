package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.VideoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Frames taken from an image or a video, upright (rotation metadata applied), with where they came from.
 *
 * @param kind              IMAGE for a still (and a single-frame GIF): exactly one frame; VIDEO otherwise
 * @param frames            the sampled frames in clip order; a repeated index repeats the same image
 * @param frameIndices      the source frame index of each frame (0-based, in presentation order)
 * @param timestampsSeconds the presentation time of each frame, from the start of the video stream
 * @param sourceFrameCount  frames in the source (1 for an image)
 * @param durationSeconds   length of the video stream (0 for an image)
 * @param frameRate         average frames per second (0 for an image)
 * @param framesRepeated    true when the clip had fewer frames than requested, so indices repeat
 * @param format            the container recognised from the content: png, jpeg, bmp, webp, gif, mp4, mov, mkv, webm, avi
 * @param codec             FFmpeg's name of the video codec (h264, vp9, mpeg4, png, mjpeg, ...)
 * @param width             frame width as displayed (after rotation)
 * @param height            frame height as displayed (after rotation)
 * @param notes             human-readable remarks: repeated frames, rotation applied, fallbacks taken
 */
public record DecodedMedia(Kind kind, List<RgbImage> frames, long[] frameIndices, double[] timestampsSeconds,
                           long sourceFrameCount, double durationSeconds, double frameRate, boolean framesRepeated,
                           String format, String codec, int width, int height, List<String> notes) {

    public enum Kind { IMAGE, VIDEO }

    public DecodedMedia {
        frames = List.copyOf(frames);
        frameIndices = frameIndices.clone();
        timestampsSeconds = timestampsSeconds.clone();
        notes = List.copyOf(notes);
        if (frames.isEmpty() || frameIndices.length != frames.size() || timestampsSeconds.length != frames.size()) {
            throw new IllegalArgumentException("need one index and one timestamp per frame, got " + frames.size()
                    + " frames, " + frameIndices.length + " indices, " + timestampsSeconds.length + " timestamps");
        }
    }

    /** What a task sees: the still image, or the video's frames with their timestamps. */
    public TaskInput input() {
        return kind == Kind.VIDEO ? TaskInput.video(frames, timestampsSeconds) : TaskInput.image(frames.get(0));
    }

    /**
     * {@link #input()}, a video's carrying the whole clip behind its frames ({@code wholeVideo} is asked only for a
     * video, and the source opens the file only if a task reads it, as the timeline does).
     */
    public TaskInput input(Supplier<VideoSource> wholeVideo) {
        return kind == Kind.VIDEO ? input().withSource(wholeVideo.get()) : input();
    }

    /**
     * Still images as the frames of one video, in order; more than {@code frames} are thinned to the centre of
     * {@code frames} equal segments. A single image stays a still image.
     *
     * @throws IllegalArgumentException when one of them is a video, naming its position
     */
    public static DecodedMedia stillsAsVideo(List<DecodedMedia> stills, int frames) {
        if (stills.isEmpty() || frames < 1) {
            throw new IllegalArgumentException("need at least one image and one frame, got " + stills.size()
                    + " images for " + frames + " frames");
        }
        if (stills.size() == 1) {
            return stills.get(0);
        }
        int n = Math.min(stills.size(), frames);
        List<RgbImage> images = new ArrayList<>(n);
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            int source = (int) ((2L * i + 1) * stills.size() / (2L * n));
            DecodedMedia still = stills.get(source);
            if (still.kind() != Kind.IMAGE) {
                throw new IllegalArgumentException("input " + source
                        + " is a video; several media are the frames of one video and must be still images");
            }
            images.add(still.frames().get(0));
            indices[i] = source;
        }
        RgbImage first = images.get(0);
        return new DecodedMedia(Kind.VIDEO, images, indices, new double[n], stills.size(), 0, 0, false, "images",
                stills.get(0).codec(), first.width(), first.height(), List.of());
    }
}
