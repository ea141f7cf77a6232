package io.gitplatform.starter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.core.platform.GenerationDefaults;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.OptionLimits;
import io.gitplatform.starter.chat.GitChatModel;
import io.gitplatform.starter.chat.GitChatOptions;
import io.gitplatform.starter.media.GitMediaDecoder;
import io.gitplatform.starter.model.GitModelResolver;
import io.gitplatform.starter.model.GitModelRuntime;
import io.gitplatform.starter.model.GitModelState;
import io.gitplatform.starter.model.PropertiesModelResolver;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaptionService;
import io.gitplatform.starter.task.GitClassifyService;
import io.gitplatform.starter.task.GitTaskRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Binding, defaults, back-off and switching off, without loading the model. */
class GitAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GitAutoConfiguration.class, GitChatAutoConfiguration.class));

    @Test
    void defaultsCreateEveryBeanAndLoadNothing() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(GitModelResolver.class).hasSingleBean(GitModelRuntime.class)
                    .hasSingleBean(GitMediaDecoder.class).hasSingleBean(GitTaskRunner.class)
                    .hasSingleBean(GitCaptionService.class).hasSingleBean(GitAskService.class)
                    .hasSingleBean(GitClassifyService.class).hasSingleBean(ChatModel.class);
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(GitChatModel.class);
            assertThat(context.getBean(GitModelResolver.class)).isInstanceOf(PropertiesModelResolver.class);
            GitModelRuntime runtime = context.getBean(GitModelRuntime.class);
            assertThat(runtime.state()).isEqualTo(GitModelState.NOT_LOADED);
            assertThat(runtime.settings()).isEqualTo(new PlatformSettings(PluginSettings.of(Path.of("plugins")),
                    new BackendSettings("cpu", 0, null, 0), BatchSettings.DEFAULTS,
                    new GenerationDefaults(GenerationSettings.DEFAULTS, 128),
                    new OptionLimits(100, 500, Map.of("questions", 16, "labels", 100))));
        });
    }

    @Test
    void defaultProperties() {
        runner.run(context -> {
            GitProperties p = context.getBean(GitProperties.class);
            assertThat(p.isEnabled()).isTrue();
            assertThat(p.getModel().getSource()).isEqualTo("embedded");
            assertThat(p.getModel().getRevision()).isNull();
            assertThat(p.getModel().getCacheDir()).isNull();
            assertThat(p.getModel().isOffline()).isFalse();
            assertThat(p.getModel().getLoading()).isEqualTo(GitProperties.Loading.LAZY);
            assertThat(p.getModel().getHub().getEndpoint()).isEqualTo(URI.create("https://huggingface.co"));
            assertThat(p.getModel().getHub().getToken()).isNull();
            assertThat(p.getBackend().getId()).isEqualTo("cpu");
            assertThat(p.getBackend().getDtype()).isNull();
            assertThat(p.getBackend().getThreads()).isZero();
            assertThat(p.getPlugins().getDir()).isEqualTo(Path.of("plugins"));
            assertThat(p.getPlugins().getEnabled()).isEmpty();
            assertThat(p.getPlugins().getTaskTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(p.getGeneration().getMaxNewTokens()).isNull();
            assertThat(p.getLimits().getConcurrency()).isEqualTo(16);
            assertThat(p.getBatching().getMaxBatchSize()).isEqualTo(8);
            assertThat(p.getLimits().getMaxMediaSize()).isEqualTo(DataSize.ofMegabytes(64));
            assertThat(context.getBean(GitChatModel.class).getOptions()).isEqualTo(GitChatOptions.builder().build());
        });
    }

    @Test
    void bindsEveryGroup() {
        runner.withPropertyValues(
                "git.model.source=microsoft/git-base-vatex", "git.model.revision=0123abcd",
                "git.model.cache-dir=/tmp/git-cache", "git.model.offline=true",
                "git.model.hub.endpoint=https://mirror.example.org", "git.model.hub.token=hf_secret",
                "git.model.hub.read-timeout=2m", "git.model.hub.max-file-size=2GB",
                "git.backend.id=GPU", "git.backend.device-index=1", "git.backend.dtype=float16",
                "git.backend.threads=2",
                "git.plugins.dir=/opt/git/plugins", "git.plugins.enabled=vqa,classification",
                "git.plugins.disabled[0]=djl-gpu", "git.plugins.task-timeout=30s",
                "git.plugins.tasks.classify=my-classifier", "git.plugins.tasks.[describe.colors]=colors",
                "git.plugins.backends.cpu=my-cpu",
                "git.generation.max-new-tokens=30", "git.generation.num-beams=3", "git.generation.seed=7",
                "git.generation.early-stopping=never",
                "git.limits.concurrency=2", "git.limits.acquire-timeout=5s", "git.limits.max-media-size=10MB",
                "git.limits.max-labels=20", "git.batching.max-batch-size=4", "git.batching.max-wait=50ms",
                "git.chat.options.max-tokens=15", "git.chat.options.temperature=0.7", "git.chat.options.seed=42")
                .run(context -> {
                    GitProperties p = context.getBean(GitProperties.class);
                    assertThat(p.getModel().getSource()).isEqualTo("microsoft/git-base-vatex");
                    assertThat(p.getModel().getRevision()).isEqualTo("0123abcd");
                    assertThat(p.getModel().getCacheDir()).isEqualTo(Path.of("/tmp/git-cache"));
                    assertThat(p.getModel().isOffline()).isTrue();
                    assertThat(p.getModel().getHub().getEndpoint()).isEqualTo(URI.create("https://mirror.example.org"));
                    assertThat(p.getModel().getHub().getToken()).isEqualTo("hf_secret");
                    assertThat(p.getModel().getHub().getReadTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(p.getModel().getHub().getMaxFileSize()).isEqualTo(DataSize.ofGigabytes(2));
                    // The GPU settings reach the platform; nothing is loaded, so no GPU is needed here.
                    assertThat(context.getBean(GitModelRuntime.class).settings()).isEqualTo(new PlatformSettings(
                            new PluginSettings(Path.of("/opt/git/plugins"), List.of("vqa", "classification"),
                                    List.of("djl-gpu"), Duration.ofSeconds(30),
                                    Map.of("classify", "my-classifier", "describe.colors", "colors"),
                                    Map.of("cpu", "my-cpu")),
                            new BackendSettings("gpu", 1, "float16", 2),
                            new BatchSettings(true, 4, Duration.ofMillis(50), 256, Duration.ofSeconds(1)),
                            new GenerationDefaults(new GenerationSettings(30, null, 3, null, EarlyStopping.NEVER, null, null,
                                    null, null, 7L), 128),
                            new OptionLimits(20, 500, Map.of("questions", 16, "labels", 20))));
                    assertThat(p.getGeneration().getMaxNewTokens()).isEqualTo(30);
                    assertThat(p.getGeneration().getNumBeams()).isEqualTo(3);
                    assertThat(p.getGeneration().getSeed()).isEqualTo(7L);
                    assertThat(p.getLimits().getAcquireTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.getLimits().getMaxMediaSize()).isEqualTo(DataSize.ofMegabytes(10));
                    assertThat(p.getLimits().getMaxLabels()).isEqualTo(20);
                    assertThat(context.getBean(GitChatModel.class).getOptions()).isEqualTo(GitChatOptions.builder()
                            .maxTokens(15).temperature(0.7).seed(42L).build());
                });
    }

    @Test
    void aBadEarlyStoppingFailsTheContextNamingTheProperty() {
        runner.withPropertyValues("git.generation.early-stopping=sometimes")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("git.generation.early-stopping")
                        .hasMessageContaining("never"));
    }

    @Test
    void startupLoadingFailsTheContextWhenTheModelCannotLoad() {
        runner.withPropertyValues("git.model.loading=startup", "git.model.source=/no/such/model")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("/no/such/model"));
    }

    @Test
    void backgroundLoadingReportsItsFailureAsState() {
        runner.withPropertyValues("git.model.loading=background", "git.model.source=/no/such/model").run(context -> {
            assertThat(context).hasNotFailed();
            GitModelRuntime runtime = context.getBean(GitModelRuntime.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runtime.state() != GitModelState.FAILED && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runtime.state()).isEqualTo(GitModelState.FAILED);
            assertThat(runtime.lastFailure()).hasMessageContaining("/no/such/model");
        });
    }

    @Test
    void aBackendNoPluginServesFailsTheStartupLoad() {
        runner.withPropertyValues("git.backend.id=tpu", "git.model.loading=startup",
                        "git.model.cache-dir=target/git-cache")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseInstanceOf(BackendUnavailableException.class)
                        .rootCause().hasMessageContaining("no backend 'tpu'"));
    }

    @Test
    void bfloat16AndAutoBindToTheBackendSettings() {
        runner.withPropertyValues("git.backend.dtype=bfloat16").run(context -> assertThat(
                context.getBean(GitProperties.class).getBackend().getDtype()).isEqualTo(GitProperties.Dtype.BFLOAT16));
        runner.withPropertyValues("git.backend.dtype=auto").run(context -> assertThat(
                context.getBean(GitProperties.class).getBackend().getDtype()).isEqualTo(GitProperties.Dtype.AUTO));
    }

    @Test
    void userBeansWin() {
        runner.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasSingleBean(GitCaptionService.class).hasSingleBean(GitModelResolver.class);
            assertThat(context.getBean(GitCaptionService.class)).isSameAs(UserBeans.CAPTIONS);
            assertThat(context.getBean(GitModelResolver.class)).isSameAs(UserBeans.RESOLVER);
            // The rest is still auto-configured, on top of the user's beans.
            assertThat(context).hasSingleBean(GitAskService.class).hasSingleBean(GitChatModel.class);
        });
    }

    @Test
    void disabledCreatesNoGitBeans() {
        runner.withPropertyValues("git.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(GitProperties.class).doesNotHaveBean(GitModelRuntime.class)
                    .doesNotHaveBean(GitCaptionService.class).doesNotHaveBean(GitAskService.class)
                    .doesNotHaveBean(GitClassifyService.class).doesNotHaveBean(GitTaskRunner.class)
                    .doesNotHaveBean(ChatModel.class);
            assertThat(context.getBeanNamesForType(GitChatProperties.class)).isEmpty();
        });
    }

    @Test
    void anotherChatProviderSelectedKeepsTheTaskServices() {
        runner.withPropertyValues("spring.ai.model.chat=openai").run(context -> {
            assertThat(context).doesNotHaveBean(ChatModel.class);
            assertThat(context).hasSingleBean(GitCaptionService.class);
        });
    }

    @Test
    void gitSelectedExplicitly() {
        runner.withPropertyValues("spring.ai.model.chat=git")
                .run(context -> assertThat(context).hasSingleBean(GitChatModel.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        static final GitModelResolver RESOLVER = () -> {
            throw new UnsupportedOperationException("never loaded in this test");
        };
        static final GitCaptionService CAPTIONS = new GitCaptionService(null);

        @Bean
        GitModelResolver myResolver() {
            return RESOLVER;
        }

        @Bean
        GitCaptionService myCaptions() {
            return CAPTIONS;
        }
    }
}
