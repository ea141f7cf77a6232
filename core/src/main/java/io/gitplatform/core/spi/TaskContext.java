package io.gitplatform.core.spi;

import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;

/** What the platform lends a task head for one request. */
public interface TaskContext {

    /** The loaded model, tokenizer and image processor. */
    GitPipeline pipeline();

    /**
     * The input after the vision tower, computed on first use and shared by every later call with the same input
     * object in this request (and in the sub-requests that share its cache). Reports the {@code encode} stage to the
     * request's progress listener. The platform closes it: do not.
     */
    EncodedInput encode(TaskInput input);

    /** The vision time this request spent so far, and the time since it started. */
    TaskTimings timings();
}
