package io.gitplatform.plugins.timeline;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.FrameStream;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.InputKind;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOption;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TimedFrame;
import io.gitplatform.spi.TokenUsage;
import io.gitplatform.spi.VideoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Task {@code timeline}: reads the whole source video once, in order, cuts it into segments (scene changes or fixed
 * windows), samples each segment's frames as the model samples a clip, and captions the segments through
 * {@link TaskContext#captionAll}, a batch at a time, so segments share vision passes and generation loops. Each
 * segment is reported to {@code progress().onPart("segment", json)} once its caption is final (merging decided).
 */
@Extension
public final class TimelineTask implements TaskHead {
    public static final String ID = "timeline";
    /** Frames held for one segment at most: the analysis step grows for longer segments. */
    static final int MAX_HELD_FRAMES = 240;
    /** Frames are kept at most this large: enough for the model's 224-pixel input, small for long segments. */
    static final int MAX_SIDE = 448;
    /** Segments captioned per call (a file's; a live stream's are captioned as soon as each is complete). */
    static final int CAPTION_BATCH = 8;
    /** The grid step when the frame rate allows finer: fine enough to place a cut within a quarter second. */
    static final double STEP = 0.25;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Cuts a video into scenes or fixed windows and captions each: a timeline as JSON, WebVTT or SRT.";
    }

    @Override
    public Set<InputKind> inputs() {
        return Set.of(InputKind.VIDEO);
    }

    @Override
    public List<TaskOption> options() {
        return Stream.concat(TimelineSettings.OPTIONS.stream(), GenerationSettings.OPTIONS.stream()).toList();
    }

    @Override
    public TaskResult run(TaskRequest request, TaskContext context) {
        VideoSource source = request.input().source();
        if (source == null) {
            throw new IllegalArgumentException("the timeline task reads the whole video: send a video file or a"
                    + " stream URL (this input has only its sampled frames)");
        }
        TimelineSettings settings = TimelineSettings.of(request.options().extra());
        double step;
        try {
            step = step(source, settings);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Run run = new Run(request, context, settings, source);
        Cutter cutter = new Cutter(settings);
        double lastSeen = 0;
        try (FrameStream frames = source.frames(step, MAX_SIDE)) {
            TimedFrame frame;
            while (!request.cancellation().isCancelled() && (frame = frames.next()) != null) {
                lastSeen = frame.seconds();
                Cutter.Stretch done = cutter.offer(frame);
                if (done != null) {
                    run.add(done);
                }
                if (source.durationSeconds() > 0) {
                    request.progress().onProgress(ID, Math.min(1, lastSeen / source.durationSeconds()));
                }
            }
        } catch (IllegalStateException e) {
            // Keep what was seen: the stretch in progress is a segment too (it ends where the video broke off).
            Cutter.Stretch partial = cutter.finish(lastSeen + step);
            if (partial != null && !request.cancellation().isCancelled()) {
                run.add(partial);
            }
            run.flush(true);
            throw new IllegalArgumentException("the video could not be read to its end: " + e.getMessage() + " ("
                    + run.segments.size() + " segments were captioned before)", e);
        }
        Cutter.Stretch last = cutter.finish(Math.max(source.durationSeconds(), lastSeen + step));
        if (last != null && !request.cancellation().isCancelled()) {
            run.add(last);
        }
        run.flush(true);
        return run.result();
    }

    /** The analysis step: every {@link #STEP} seconds (or every frame), coarser when a segment could hold too many. */
    static double step(VideoSource source, TimelineSettings settings) {
        double frame = source.frameRate() > 0 ? 1 / source.frameRate() : 0;
        return Math.max(Math.min(STEP, Math.max(frame, 1e-3)), settings.longestSegment() / MAX_HELD_FRAMES);
    }

    /** The model's frame indices for a stretch of {@code count} frames: the centre of each of {@code wanted} parts. */
    static int[] sample(int count, int wanted) {
        int[] out = new int[wanted];
        for (int i = 0; i < wanted; i++) {
            out[i] = (int) ((2L * i + 1) * count / (2L * wanted));
        }
        return out;
    }

    /** One request's segments: stretches waiting for captions, captioned segments, the one held for merging. */
    private static final class Run {
        private final TaskRequest request;
        private final TaskContext context;
        private final TimelineSettings settings;
        private final boolean live;
        private final List<Cutter.Stretch> waiting = new ArrayList<>();
        private final List<Segment> segments = new ArrayList<>();
        private final List<Answer> answers = new ArrayList<>();
        private Segment held;
        private FinishReason finish = FinishReason.EOS;
        private TokenUsage usage = TokenUsage.NONE;

        Run(TaskRequest request, TaskContext context, TimelineSettings settings, VideoSource source) {
            this.request = request;
            this.context = context;
            this.settings = settings;
            this.live = source.live();
        }

        void add(Cutter.Stretch stretch) {
            waiting.add(stretch);
            if (live || waiting.size() >= CAPTION_BATCH) {
                flush(false);
            }
        }

        /** Captions the waiting stretches in one call; at the end, also releases the segment held for merging. */
        void flush(boolean end) {
            if (!waiting.isEmpty()) {
                int wanted = context.model().videoFrames();
                List<TaskInput> inputs = new ArrayList<>();
                List<List<Segment.SampledFrame>> sampled = new ArrayList<>();
                for (Cutter.Stretch s : waiting) {
                    List<RgbImage> images = new ArrayList<>();
                    List<Segment.SampledFrame> used = new ArrayList<>();
                    double[] times = new double[wanted];
                    int[] picks = sample(s.frames().size(), wanted);
                    for (int i = 0; i < wanted; i++) {
                        TimedFrame f = s.frames().get(picks[i]);
                        images.add(f.image());
                        times[i] = f.seconds();
                        used.add(new Segment.SampledFrame(s.firstIndex() + picks[i], f.seconds()));
                    }
                    inputs.add(TaskInput.video(images, times));
                    sampled.add(used);
                }
                List<TextResult> captions = context.captionAll(inputs, request.options().generation());
                for (int i = 0; i < waiting.size(); i++) {
                    Cutter.Stretch s = waiting.get(i);
                    TextResult caption = captions.get(i);
                    usage = usage.plus(new TokenUsage(caption.promptTokens(), caption.completionTokens()));
                    finish = TaskResult.worse(finish, caption.finish());
                    accept(new Segment(s.start(), s.end(), caption.text(), sampled.get(i)));
                }
                waiting.clear();
            }
            if (end && held != null) {
                emit(held);
                held = null;
            }
        }

        private void accept(Segment segment) {
            if (held != null && settings.merge() && held.caption().equals(segment.caption())) {
                held = held.mergedWith(segment);
                return;
            }
            if (held != null) {
                emit(held);
            }
            held = segment;
        }

        private void emit(Segment segment) {
            if (segments.size() >= settings.maxSegments()) {
                throw new IllegalArgumentException("the timeline reached its limit of " + settings.maxSegments()
                        + " segments (max-segments) at " + String.format(java.util.Locale.ROOT, "%.3f", segment.startSeconds())
                        + " s; the segments so far were reported");
            }
            segments.add(segment);
            answers.add(new Answer(null, segment.caption(), 1, 0, FinishReason.EOS));
            request.progress().onPart("segment", TimelineFormats.json(segment));
        }

        TaskResult result() {
            if (request.cancellation().isCancelled()) {
                finish = FinishReason.CANCELLED;
            }
            String text = TimelineFormats.write(settings.format(), segments);
            return new TaskResult(ID, text, answers, List.of(), usage, context.timings(), finish);
        }
    }
}
