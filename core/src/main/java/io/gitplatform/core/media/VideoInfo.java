package io.gitplatform.core.media;

/**
 * What the container and stream headers say about the video stream, before any frame is decoded.
 *
 * @param codec            FFmpeg's decoder name
 * @param width            coded width (before rotation)
 * @param height           coded height
 * @param frameRate        average frames per second; 0 when unknown
 * @param headerFrameCount frames the container declares (nb_frames: MP4, MOV, AVI); 0 when it does not say
 * @param durationSeconds  stream (else container) duration; 0 when unknown
 * @param startMicros      the stream's start time, from which JavaCV measures seek targets
 * @param constantFrameRate whether frame i is shown at i / frameRate: judged from the time steps of a complete
 *                         per-frame index (MP4, MOV, AVI), else from the average and the base frame rate agreeing
 */
record VideoInfo(String codec, int width, int height, double frameRate, long headerFrameCount, double durationSeconds,
                 long startMicros, boolean constantFrameRate) {

    long pixels() {
        return (long) width * height;
    }

    /** Frames from the header, else from duration x frame rate; 0 when neither is known. */
    long expectedFrameCount() {
        if (headerFrameCount > 0) {
            return headerFrameCount;
        }
        return frameRate > 0 && durationSeconds > 0 ? Math.round(durationSeconds * frameRate) : 0;
    }
}
