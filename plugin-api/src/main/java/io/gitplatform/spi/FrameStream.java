package io.gitplatform.spi;

/** A pass over a {@link VideoSource}: frames in time order. Not thread-safe; close it when done. */
public interface FrameStream extends AutoCloseable {

    /**
     * The next frame, waiting for a live stream to deliver it; null at the end of the video.
     *
     * @throws IllegalStateException when the source breaks, stalls or exceeds a media limit: the message says which
     */
    TimedFrame next();

    @Override
    void close();
}
