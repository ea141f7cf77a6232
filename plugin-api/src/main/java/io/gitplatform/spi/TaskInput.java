package io.gitplatform.spi;

import java.util.Arrays;
import java.util.List;

/**
 * The pixels a task looks at: one still image, or a video's sampled frames with their times. Equality is identity:
 * a request's encodings are cached per input object, so pass the same {@code TaskInput} to share one vision pass.
 *
 * @param frames            one frame for an image; a video's frames in time order
 * @param video             whether the frames are a video (temporal embeddings) rather than a still image
 * @param timestampsSeconds each frame's time in the source video (empty for images or when unknown)
 */
public record TaskInput(List<RgbImage> frames, boolean video, double[] timestampsSeconds) {
    public TaskInput {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an input needs at least one frame");
        }
        if (!video && frames.size() != 1) {
            throw new IllegalArgumentException("a still image has one frame, got " + frames.size()
                    + " (pass them as a video)");
        }
        timestampsSeconds = timestampsSeconds == null ? new double[0] : timestampsSeconds.clone();
        if (timestampsSeconds.length != 0 && timestampsSeconds.length != frames.size()) {
            throw new IllegalArgumentException(timestampsSeconds.length + " timestamps for " + frames.size()
                    + " frames");
        }
    }

    public static TaskInput image(RgbImage image) {
        return new TaskInput(List.of(image), false, null);
    }

    public static TaskInput video(List<RgbImage> frames, double[] timestampsSeconds) {
        return new TaskInput(frames, true, timestampsSeconds);
    }

    public InputKind kind() {
        return video ? InputKind.VIDEO : InputKind.IMAGE;
    }

    @Override
    public double[] timestampsSeconds() {
        return timestampsSeconds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return (video ? "video of " + frames.size() + " frames" : "image") + " " + frames.get(0).width() + "x"
                + frames.get(0).height() + (timestampsSeconds.length == 0 ? "" : " at "
                + Arrays.toString(timestampsSeconds) + " s");
    }
}
