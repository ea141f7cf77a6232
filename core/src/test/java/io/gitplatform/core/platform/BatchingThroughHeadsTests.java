package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.batch.BatchListener;
import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.core.testing.SharedFixtures;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batching lives below the task heads: concurrent {@link GitPlatform#run} calls, each through a head loaded from its
 * plugin jar, share vision passes and generation loops, and every request still gets the caption it gets alone.
 */
class BatchingThroughHeadsTests {
    @TempDir
    Path plugins;

    @Test
    void concurrentRequestsThroughAHeadShareForwardPassesAndGiveTheirOwnCaptions() throws Exception {
        TestPlugins.backends(plugins);
        TestPlugins.captioner(plugins);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        BatchListener listener = (requests, tokens, nanos) -> batches.add(requests);
        PlatformSettings settings = new PlatformSettings(PluginSettings.of(plugins), BackendSettings.cpu(),
                new BatchSettings(true, 8, Duration.ofMillis(200), 64, Duration.ofSeconds(1)), null, null);
        List<ShapeSample> images = ShapeSample.all().stream().filter(s -> !s.input().video()).toList();
        ExecutorService callers = Executors.newFixedThreadPool(images.size());
        try (GitPlatform platform = GitPlatform.open(settings, ModelFolder.read(SharedFixtures.tinyShapes()),
                listener)) {
            List<Future<TaskResult>> futures = new ArrayList<>();
            for (ShapeSample s : images) {
                futures.add(callers.submit(() -> platform.run("describe", TaskRequest.of(s.input(), TaskOptions.NONE))));
            }
            List<TaskResult> results = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                results.add(futures.get(i).get());
                assertThat(results.get(i).text()).as(images.get(i).name()).isEqualTo(images.get(i).referenceCaption());
            }
            assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(images.size());
            assertThat(batches.size()).as("forward passes for %d requests: %s", images.size(), batches)
                    .isLessThan(images.size());
            assertThat(results.stream().mapToInt(r -> r.timings().batchSize()).max().orElse(0)).isGreaterThan(1);
        } finally {
            callers.shutdownNow();
        }
    }
}
