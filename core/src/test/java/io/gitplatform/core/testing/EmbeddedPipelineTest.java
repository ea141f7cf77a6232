package io.gitplatform.core.testing;

import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.core.batch.Batcher;
import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.platform.EncodingCache;
import io.gitplatform.core.platform.GenerationDefaults;
import io.gitplatform.core.platform.RequestContext;
import io.gitplatform.spi.TaskHead;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of test classes that share one pipeline on the embedded model, opened before the class and closed after it. */
public abstract class EmbeddedPipelineTest {
    protected static GitPipeline pipeline;
    private static Batcher batcher;

    @TempDir
    protected static Path tmp;

    @BeforeAll
    static void openPipeline() {
        pipeline = GitPipeline.open(EmbeddedModel.folder(tmp.resolve("cache")), EngineSettings.cpu());
        batcher = new Batcher(pipeline, BatchSettings.DEFAULTS, null);
    }

    @AfterAll
    static void closePipeline() {
        batcher.close();
        pipeline.close();
    }

    /** Runs a task head on the embedded model, as the platform would (batched generation, one vision pass). */
    protected static TaskResult run(TaskHead head, TaskRequest request) {
        try (EncodingCache cache = new EncodingCache()) {
            return head.run(request, context(cache, request));
        }
    }

    /** The context a head gets for {@code request}; encodings live in {@code cache}. */
    protected static RequestContext context(EncodingCache cache, TaskRequest request) {
        return new RequestContext(pipeline, batcher, GenerationDefaults.NONE, cache, request);
    }
}
