package io.gitplatform.starter.task;

import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskTimings;
import java.util.List;

/**
 * Labels ranked by the model's likelihood of each; probabilities are a softmax over the given labels.
 *
 * @param labels           best first, cut to top-k when one was asked for
 * @param promptTokens     text tokens scored or generated on the way
 * @param completionTokens tokens generated (the caption-slot method captions first)
 * @param model            the model's name
 * @param timings          the vision pass and the whole task
 */
public record GitClassification(List<RankedLabel> labels, int promptTokens, int completionTokens, String model,
        TaskTimings timings) {

    public GitClassification {
        labels = List.copyOf(labels);
    }

    /** The most likely label. */
    public RankedLabel best() {
        return labels.get(0);
    }
}
