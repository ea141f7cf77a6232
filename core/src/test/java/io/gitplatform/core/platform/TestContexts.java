package io.gitplatform.core.platform;

import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.core.batch.Batcher;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.spi.TaskRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Request contexts for tests that drive a {@link PluginRuntime} directly: one batcher per pipeline, as a platform has. */
final class TestContexts {
    private static final Map<GitPipeline, Batcher> BATCHERS = new ConcurrentHashMap<>();

    private TestContexts() {
    }

    static RequestContext context(GitPipeline pipeline, EncodingCache cache, TaskRequest request) {
        Batcher batcher = BATCHERS.computeIfAbsent(pipeline, p -> new Batcher(p, BatchSettings.DEFAULTS, null));
        return new RequestContext(pipeline, batcher, GenerationDefaults.NONE, cache, request);
    }
}
