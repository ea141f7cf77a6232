package io.gitplatform.core.media;

import io.gitplatform.spi.RgbImage;
import java.util.List;

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
}
