package io.gitplatform.starter.task;

import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.TaskTimings;
import java.util.List;

/**
 * A captioned timeline of a video.
 *
 * @param text     the timeline in the requested format (JSON by default, or WebVTT, or SRT)
 * @param captions each segment's caption, in time order
 * @param finish   CANCELLED when it was stopped early, LENGTH when a caption ran out of tokens, else EOS
 */
public record GitTimeline(String text, List<String> captions, FinishReason finish, String model,
        TaskTimings timings) {
    public GitTimeline {
        captions = List.copyOf(captions);
    }
}
