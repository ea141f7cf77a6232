package io.gitplatform.app.api;

import io.gitplatform.app.media.Frames;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TaskTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON bodies of the task endpoints (snake_case on the wire), made from a head's {@link TaskResult}. */
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

    /** Milliseconds spent: decoding the upload, waiting for a batch, the vision pass and generation. */
    public record Timings(double decodeMs, double queueMs, double encodeMs, double generateMs, double totalMs) {
        public static Timings of(long decodeNanos, TaskTimings t, long start) {
            return new Timings(ms(decodeNanos), ms(t.queue().toNanos()), ms(t.encode().toNanos()),
                    ms(t.generate().toNanos()), ms(System.nanoTime() - start));
        }
    }

    public record CaptionResponse(String task, String model, String caption, String finishReason, int tokens,
            int batchSize, MediaInfo media, Timings timings) {
        public static CaptionResponse of(TaskResult r, String model, Frames frames, long decodeNanos, long start) {
            io.gitplatform.spi.Answer a = r.answers().get(0);
            return new CaptionResponse("caption", model, a.text(), finish(a.finish()), a.completionTokens(),
                    r.timings().batchSize(), MediaInfo.of(frames), Timings.of(decodeNanos, r.timings(), start));
        }
    }

    public record Answer(String question, String answer, String finishReason, int tokens) {
        static List<Answer> of(TaskResult r) {
            return r.answers().stream().map(a -> new Answer(a.question(), a.text(), finish(a.finish()),
                    a.completionTokens())).toList();
        }
    }

    public record AskResponse(String task, String model, List<Answer> answers, int batchSize, MediaInfo media,
            Timings timings) {
        public static AskResponse of(TaskResult r, String model, Frames frames, long decodeNanos, long start) {
            return new AskResponse("ask", model, Answer.of(r), r.timings().batchSize(), MediaInfo.of(frames),
                    Timings.of(decodeNanos, r.timings(), start));
        }
    }

    /** A label with its log-likelihood after the prompt and its probability among the labels given. */
    public record LabelScore(String label, double logLikelihood, double probability) {
        static List<LabelScore> of(List<RankedLabel> labels) {
            return labels.stream().map(l -> new LabelScore(l.label(), l.logLikelihood(), l.probability())).toList();
        }
    }

    public record ClassifyResponse(String task, String model, String prompt, List<LabelScore> labels, MediaInfo media,
            Timings timings) {
        public static ClassifyResponse of(TaskResult r, String model, String prompt, Frames frames, long decodeNanos,
                long start) {
            return new ClassifyResponse("classify", model, prompt, LabelScore.of(r.labels()), MediaInfo.of(frames),
                    Timings.of(decodeNanos, r.timings(), start));
        }
    }

    /** Tokens the request went through. */
    public record Usage(int promptTokens, int completionTokens) {
    }

    /**
     * Any task's result ({@code POST /api/v1/tasks/{task}}, jobs): its main text, the generated answers (a caption is
     * one answer without a question), the ranked labels, and how it went.
     */
    public record TaskResponse(String task, String model, String text, List<Answer> answers, List<LabelScore> labels,
            String finishReason, Usage usage, int batchSize, MediaInfo media, Timings timings) {
        public static TaskResponse of(TaskResult r, String model, Frames frames, long decodeNanos, long start) {
            return new TaskResponse(r.taskId(), model, r.text(), Answer.of(r), LabelScore.of(r.labels()),
                    finish(r.finish()), new Usage(r.usage().promptTokens(), r.usage().completionTokens()),
                    r.timings().batchSize(), MediaInfo.of(frames), Timings.of(decodeNanos, r.timings(), start));
        }
    }

    public static String finish(FinishReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
