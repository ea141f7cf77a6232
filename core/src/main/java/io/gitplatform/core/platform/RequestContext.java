package io.gitplatform.core.platform;

import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.spi.ProgressListener;
import io.gitplatform.core.spi.TaskContext;
import io.gitplatform.core.spi.TaskInput;
import io.gitplatform.core.spi.TaskTimings;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link TaskContext} of one task call: the pipeline, the request's shared encodings, and its clock. It reports
 * the {@code encode} stage to the request's progress listener, so heads report only their own stages.
 */
public final class RequestContext implements TaskContext {
    private final GitPipeline pipeline;
    private final EncodingCache cache;
    private final ProgressListener progress;
    private final long startNanos = System.nanoTime();
    private final long encodeNanosBefore;

    public RequestContext(GitPipeline pipeline, EncodingCache cache, ProgressListener progress) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.encodeNanosBefore = cache.encodeNanos();
    }

    @Override
    public GitPipeline pipeline() {
        return pipeline;
    }

    @Override
    public EncodedInput encode(TaskInput input) {
        progress.onProgress("encode", 0);
        EncodedInput encoded = cache.encode(pipeline, input);
        progress.onProgress("encode", 1);
        return encoded;
    }

    @Override
    public TaskTimings timings() {
        return new TaskTimings(Duration.ofNanos(cache.encodeNanos() - encodeNanosBefore),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    EncodingCache cache() {
        return cache;
    }
}
