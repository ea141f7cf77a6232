package io.gitplatform.starter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.starter.GitBusyException;
import io.gitplatform.starter.GitModelUnavailableException;
import io.gitplatform.starter.autoconfigure.GitProperties.Loading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Lazy loading, the call gate and shutdown, on the embedded model with the djl-cpu backend plugin. */
class GitModelRuntimeTests {

    private static final PlatformSettings SETTINGS = new PlatformSettings(PluginSettings.of(Path.of("target/no-extra-plugins")),
            BackendSettings.cpu());

    private static GitModelRuntime runtime(Duration acquireTimeout) {
        return new GitModelRuntime(() -> EmbeddedModel.folder(Path.of("target/git-cache")), SETTINGS, Loading.LAZY, 1,
                acquireTimeout);
    }

    @Test
    void loadsOnFirstUseAndRefusesCallsBeyondItsSlots() throws Exception {
        GitModelRuntime runtime = runtime(Duration.ofMillis(200));
        runtime.start();
        assertThat(runtime.state()).isEqualTo(GitModelState.NOT_LOADED);
        assertThat(runtime.modelName()).isNull();

        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> runtime.call(platform -> {
            inside.countDown();
            await(release);
            return platform.pipeline().videoFrames();
        }));
        inside.await();
        assertThat(runtime.state()).isEqualTo(GitModelState.READY);
        assertThat(runtime.modelName()).isEqualTo(EmbeddedModel.NAME);
        assertThatThrownBy(() -> runtime.call(platform -> 0)).isInstanceOf(GitBusyException.class);
        release.countDown();
        assertThat(first.get()).isEqualTo(6);
        assertThat(runtime.<Integer>call(platform -> 1)).isEqualTo(1);

        runtime.stop();
        assertThat(runtime.state()).isEqualTo(GitModelState.CLOSED);
        assertThatThrownBy(() -> runtime.call(platform -> 0)).isInstanceOf(GitModelUnavailableException.class);
    }

    @Test
    void aFailedLoadIsReportedAndRetried() {
        int[] attempts = {0};
        GitModelRuntime runtime = new GitModelRuntime(() -> {
            attempts[0]++;
            throw new IllegalStateException("no model here");
        }, SETTINGS, Loading.LAZY, 1, Duration.ofSeconds(1));
        assertThatThrownBy(runtime::platform).isInstanceOf(GitModelUnavailableException.class)
                .hasMessageContaining("no model here");
        assertThat(runtime.state()).isEqualTo(GitModelState.FAILED);
        assertThat(runtime.lastFailure()).hasMessage("no model here");
        assertThatThrownBy(runtime::platform).isInstanceOf(GitModelUnavailableException.class);
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void reloadSwapsThePlatformOnceTheCallsInFlightAreDone() throws Exception {
        GitModelRuntime runtime = runtime(Duration.ofSeconds(60));
        runtime.start();
        GitPlatform first = runtime.platform();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() -> runtime.call(platform -> {
            inside.countDown();
            await(release);
            return platform.pipeline().videoFrames(); // still usable: the reload waits for this call
        }));
        inside.await();
        CompletableFuture<Void> reload = CompletableFuture.runAsync(runtime::reload);
        release.countDown();
        assertThat(inFlight.get()).isEqualTo(6);
        reload.get();

        GitPlatform second = runtime.platform();
        assertThat(second).isNotSameAs(first);
        assertThat(runtime.state()).isEqualTo(GitModelState.READY);
        assertThat(runtime.<GitPlatform>call(platform -> platform)).isSameAs(second);
        runtime.stop();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
