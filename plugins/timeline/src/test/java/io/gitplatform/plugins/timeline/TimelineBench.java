package io.gitplatform.plugins.timeline;

import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.core.batch.Batcher;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.MediaVideoSource;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.platform.EncodingCache;
import io.gitplatform.core.platform.GenerationDefaults;
import io.gitplatform.core.platform.RequestContext;
import io.gitplatform.spi.FrameStream;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TimedFrame;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: for a 10-minute video (200 three-second scenes of the tiny model's shapes), times the timeline task
 * against the same segments captioned one request each, and against decoding alone, on the embedded model. Prints
 * the times and their ratios; each case runs {@code rounds} times alternated, medians reported.
 *
 * <p>Run: {@code mvn -o -pl plugins/timeline -am test-compile -q} then the command in the README.
 */
public final class TimelineBench {

    public static void main(String[] args) throws Exception {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("timeline-bench");
        Path video = longVideo(scenes, dir.resolve("long.mp4"));
        MediaLimits limits = new MediaLimits(512L << 20, 40_000_000L, 2 * 3600, 1_000_000L, Duration.ofMinutes(10));
        TimelineSettings settings = TimelineSettings.of(Map.of());
        try (GitPipeline pipeline = GitPipeline.open(EmbeddedModel.folder(dir.resolve("model")), EngineSettings.cpu());
                Batcher batcher = new Batcher(pipeline, BatchSettings.DEFAULTS, null)) {
            List<Double> decode = new ArrayList<>();
            List<Double> timeline = new ArrayList<>();
            List<Double> oneByOne = new ArrayList<>();
            int segments = 0;
            timelineSeconds(pipeline, batcher, video, limits); // warm-up: JIT and the first passes' allocations
            for (int r = 0; r < rounds; r++) {
                decode.add(decodeSeconds(video, limits, settings));
                long start = System.nanoTime();
                segments = timelineSeconds(pipeline, batcher, video, limits);
                timeline.add((System.nanoTime() - start) / 1e9);
                oneByOne.add(oneRequestEachSeconds(pipeline, batcher, video, limits, settings));
            }
            double d = median(decode);
            double t = median(timeline);
            double o = median(oneByOne);
            System.out.printf(Locale.ROOT, "video: %d scenes, %.0f s at 10 fps, 64x64; %d segments; %d rounds,"
                    + " medians%n", scenes, scenes * 3.0, segments, rounds);
            System.out.printf(Locale.ROOT, "decode alone        %8.2f s%n", d);
            System.out.printf(Locale.ROOT, "timeline (batched)  %8.2f s   %.2fx decode%n", t, t / d);
            System.out.printf(Locale.ROOT, "one request each    %8.2f s   %.2fx decode, %.2fx the timeline%n", o,
                    o / d, o / t);
        }
    }

    /** Scenes of every shape, colour and background in turn, 3 s each. */
    static Path longVideo(int scenes, Path file) {
        List<BufferedImage> frames = new ArrayList<>();
        ShapeVideos.Shape[] shapes = ShapeVideos.Shape.values();
        ShapeVideos.ShapeColor[] colors = ShapeVideos.ShapeColor.values();
        ShapeVideos.Background[] backgrounds = ShapeVideos.Background.values();
        ShapeVideos.Direction[] directions = ShapeVideos.Direction.values();
        for (int i = 0; i < scenes; i++) {
            frames.addAll(ShapeVideos.render(new ShapeVideos.Scene(shapes[i % 3], colors[i % 5],
                    backgrounds[(i / 3) % 3], directions[(i / 2) % 4]), 30));
        }
        return ShapeVideos.write(frames, 10, ShapeVideos.VideoFormat.MP4_H264, file);
    }

    private static double decodeSeconds(Path video, MediaLimits limits, TimelineSettings settings) {
        long start = System.nanoTime();
        MediaVideoSource source = MediaVideoSource.of(video, limits);
        try (FrameStream frames = source.frames(TimelineTask.step(source, settings), TimelineTask.MAX_SIDE)) {
            while (frames.next() != null) {
                // decoding and conversion only
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static int timelineSeconds(GitPipeline pipeline, Batcher batcher, Path video, MediaLimits limits) {
        TaskInput input = TaskInput.video(List.of(new RgbImage(1, 1, new byte[3])), null)
                .withSource(MediaVideoSource.of(video, limits));
        TaskRequest request = TaskRequest.of(input, TaskOptions.builder().extra("merge", "false").build());
        try (EncodingCache cache = new EncodingCache()) {
            return new TimelineTask().run(request,
                    new RequestContext(pipeline, batcher, GenerationDefaults.NONE, cache, request)).answers().size();
        }
    }

    /** The same pass and cuts, then each segment captioned as its own request, one after another. */
    private static double oneRequestEachSeconds(GitPipeline pipeline, Batcher batcher, Path video, MediaLimits limits,
            TimelineSettings settings) {
        long start = System.nanoTime();
        MediaVideoSource source = MediaVideoSource.of(video, limits);
        Cutter cutter = new Cutter(settings);
        List<Cutter.Stretch> stretches = new ArrayList<>();
        double last = 0;
        try (FrameStream frames = source.frames(TimelineTask.step(source, settings), TimelineTask.MAX_SIDE)) {
            TimedFrame f;
            while ((f = frames.next()) != null) {
                last = f.seconds();
                Cutter.Stretch s = cutter.offer(f);
                if (s != null) {
                    caption(pipeline, batcher, s);
                }
            }
        }
        Cutter.Stretch s = cutter.finish(Math.max(source.durationSeconds(), last));
        if (s != null) {
            caption(pipeline, batcher, s);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void caption(GitPipeline pipeline, Batcher batcher, Cutter.Stretch s) {
        int[] picks = TimelineTask.sample(s.frames().size(), 6);
        List<RgbImage> images = new ArrayList<>();
        for (int p : picks) {
            images.add(s.frames().get(p).image());
        }
        TaskInput input = TaskInput.video(images, null);
        TaskRequest request = TaskRequest.of(input, TaskOptions.NONE);
        try (EncodingCache cache = new EncodingCache()) {
            new RequestContext(pipeline, batcher, GenerationDefaults.NONE, cache, request)
                    .caption(input, GenerationSettings.DEFAULTS);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
