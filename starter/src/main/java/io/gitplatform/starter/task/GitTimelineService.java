package io.gitplatform.starter.task;

import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
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
        TaskOptions.Builder b = TaskOptions.builder();
        options.forEach(b::extra);
        TaskResult result = runner.run(TASK, media, b.build(), null, cancellation, new ProgressListener() {
            @Override
            public void onProgress(String stage, double fraction) {
            }

            @Override
            public void onPart(String kind, String json) {
                if (onSegment != null && kind.equals("segment")) {
                    onSegment.accept(json);
                }
            }
        });
        return new GitTimeline(result.text(), result.answers().stream().map(a -> a.text()).toList(), result.finish(),
                runner.runtime().modelName(), result.timings());
    }
}
