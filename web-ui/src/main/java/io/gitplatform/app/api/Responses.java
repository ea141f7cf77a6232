package io.gitplatform.app.api;

import io.gitplatform.app.media.Frames;
import java.util.ArrayList;
import java.util.List;

/** The JSON bodies of the task endpoints (snake_case on the wire). */
public final class Responses {
    private Responses() {
    }

    /** What the model saw: a still image or a video's sampled frames. */
    public record MediaInfo(String kind, String format, List<FrameInfo> frames) {
        public static MediaInfo of(Frames f) {
            List<FrameInfo> frames = new ArrayList<>();
            for (int i = 0; i < f.count(); i++) {
                frames.add(new FrameInfo(f.indices()[i], f.timestamps()[i]));
            }
            return new MediaInfo(f.video() ? "video" : "image", f.format(), frames);
        }
    }

    /** A frame used: its index in the source and its timestamp in seconds. */
    public record FrameInfo(long index, double timestamp) {
    }

    /** Milliseconds spent: decoding the upload, waiting for a batch, the batch's vision pass and generation. */
    public record Timings(double decodeMs, double queueMs, double encodeMs, double generateMs, double totalMs) {
    }

    public record CaptionResponse(String task, String model, String caption, String finishReason, int tokens,
            int batchSize, MediaInfo media, Timings timings) {
    }

    public record Answer(String question, String answer, String finishReason, int tokens) {
    }

    public record AskResponse(String task, String model, List<Answer> answers, int batchSize, MediaInfo media,
            Timings timings) {
    }

    /** A label with its log-likelihood after the prompt and its probability among the labels given. */
    public record LabelScore(String label, double logLikelihood, double probability) {
    }

    public record ClassifyResponse(String task, String model, String prompt, List<LabelScore> labels, MediaInfo media,
            Timings timings) {
    }
}
