package io.gitplatform.spi;

/**
 * The whole source video of a request, for heads that need more than the sampled {@link TaskInput#frames()} (a
 * timeline): read in order with bounded memory, within the request's media limits (duration, frames, decode time).
 * The platform implements it over FFmpeg for uploads, files and allowed stream URLs.
 */
public interface VideoSource {

    /** The duration in seconds; 0 when unknown (a live stream). */
    double durationSeconds();

    /** Average frames per second; 0 when unknown. */
    double frameRate();

    /** Whether the source is a live stream (read as it arrives, no end known). */
    boolean live();

    /**
     * Opens a pass over the video from its start: one frame every {@code stepSeconds} of video time (the frame
     * shown at that time; every frame when the step is shorter than a frame), upright, scaled down so that neither
     * side exceeds {@code maxSide} (smaller frames are not enlarged). Each call reads the source afresh.
     *
     * @throws IllegalArgumentException for a step that is not positive or a side below 16
     */
    FrameStream frames(double stepSeconds, int maxSide);
}
