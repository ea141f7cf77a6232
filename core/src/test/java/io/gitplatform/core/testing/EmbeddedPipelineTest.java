package io.gitplatform.core.testing;

import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of test classes that share one pipeline on the embedded model, opened before the class and closed after it. */
public abstract class EmbeddedPipelineTest {
    protected static GitPipeline pipeline;

    @TempDir
    protected static Path tmp;

    @BeforeAll
    static void openPipeline() {
        pipeline = GitPipeline.open(EmbeddedModel.folder(tmp.resolve("cache")), EngineSettings.cpu());
    }

    @AfterAll
    static void closePipeline() {
        pipeline.close();
    }
}
