package io.gitplatform.plugins.timeline;

import java.util.List;

/**
 * One captioned stretch of the video.
 *
 * @param startSeconds where it starts
 * @param endSeconds   where it ends (the next segment's start, or the end of the video)
 * @param caption      what the model says about its frames
 * @param frames       the frames the model saw, by index in the analysis pass and time
 */
public record Segment(double startSeconds, double endSeconds, String caption, List<SampledFrame> frames) {

    public Segment {
        frames = List.copyOf(frames);
    }

    /** A frame shown to the model: its index among the pass's frames and its time in the video. */
    public record SampledFrame(long index, double timestampSeconds) {
    }

    /** This segment extended over {@code next} (same caption), keeping both segments' frames. */
    Segment mergedWith(Segment next) {
        List<SampledFrame> all = new java.util.ArrayList<>(frames);
        all.addAll(next.frames);
        return new Segment(startSeconds, next.endSeconds, caption, all);
    }
}
