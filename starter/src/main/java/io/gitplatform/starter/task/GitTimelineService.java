package io.gitplatform.starter.task;

import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.core.media.StreamVideoSource;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A video as a captioned timeline (task {@code timeline}): JSON, WebVTT or SRT. Inject it; define a bean of this type
 * to replace it.
 */
public class GitTimelineService {

    /** The task id this service runs. */
    public static final String TASK = "timeline";

    private final GitTaskRunner runner;

    public GitTimelineService(GitTaskRunner runner) {
        this.runner = runner;
    }

    /** The timeline of a video file as JSON, with the default options (scene changes, merged repeats). */
    public GitTimeline timeline(Path file) {
        return timeline(GitMedia.of(file), Map.of(), null, new CancellationFlag());
    }

    /**
     * @param options      the task's options by name: {@code mode}, {@code window}, {@code min-segment},
     *                     {@code max-segment}, {@code threshold}, {@code merge}, {@code format} (json, vtt, srt)
     * @param onSegment    receives each segment as JSON ({@code start_s, end_s, caption, frames}) once it is final;
     *                     or null
     * @param cancellation set it to stop reading; the segments so far are returned
     * @throws io.gitplatform.starter.GitInputException for an invalid option or a video that cannot be read
     */
    public GitTimeline timeline(GitMedia media, Map<String, String> options, Consumer<String> onSegment,
            CancellationFlag cancellation) {
        return timeline(null, media, options, onSegment, cancellation);
    }

    /**
     * The timeline of a live stream (HLS or DASH over http(s), {@code rtsp://}, {@code rtmp://}), read as it arrives:
     * each segment goes to {@code onSegment} once final. The caller vouches for the URL (a web front door checks it
     * against its allow-list first). Ends at the end of the stream, at once when {@code cancellation} is set (the
     * segments so far are returned), or with a {@link io.gitplatform.starter.GitInputException} naming the stall when
     * no frame arrives for {@code stall} (the segments so far went to {@code onSegment}), or past
     * {@code git.limits.max-video-duration}.
     */
    public GitTimeline timeline(URI stream, Duration stall, Map<String, String> options, Consumer<String> onSegment,
            CancellationFlag cancellation) {
        TaskInput input = TaskInput.video(List.of(new RgbImage(1, 1, new byte[3])), null).withSource(
                new StreamVideoSource(stream.toString(), runner.limits().media(), stall, cancellation));
        return timeline(input, null, options, onSegment, cancellation);
    }

    private GitTimeline timeline(TaskInput input, GitMedia media, Map<String, String> options,
            Consumer<String> onSegment, CancellationFlag cancellation) {
        TaskOptions.Builder b = TaskOptions.builder();
        options.forEach(b::extra);
        ProgressListener progress = new ProgressListener() {
            @Override
            public void onProgress(String stage, double fraction) {
            }

            @Override
            public void onPart(String kind, String json) {
                if (onSegment != null && kind.equals("segment")) {
                    onSegment.accept(json);
                }
            }
        };
        TaskResult result = input != null ? runner.run(TASK, input, b.build(), null, cancellation, progress)
                : runner.run(TASK, media, b.build(), null, cancellation, progress);
        return new GitTimeline(result.text(), result.answers().stream().map(a -> a.text()).toList(), result.finish(),
                runner.runtime().modelName(), result.timings());
    }
}
