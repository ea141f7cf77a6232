package io.gitplatform.starter.autoconfigure;

import io.gitplatform.core.batch.BatchListener;
import io.gitplatform.core.batch.BatchSettings;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.platform.GenerationDefaults;
import io.gitplatform.core.platform.PlatformSettings;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.OptionLimits;
import io.gitplatform.starter.media.GitMediaDecoder;
import io.gitplatform.starter.model.GitModelResolver;
import io.gitplatform.starter.model.GitModelRuntime;
import io.gitplatform.starter.model.PropertiesModelResolver;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaptionService;
import io.gitplatform.starter.task.GitClassifyService;
import io.gitplatform.starter.task.GitTaskRunner;
import io.gitplatform.starter.task.GitTimelineService;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The GIT model and its task services, from {@code git.*}. Every bean backs off when the application defines one of
 * the same type; {@code git.enabled=false} turns all of it off. Nothing here reads the weights at refresh unless
 * {@code git.model.loading} asks for it.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "git.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GitProperties.class)
public class GitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public GitModelResolver gitModelResolver(GitProperties properties) {
        return new PropertiesModelResolver(properties.getModel());
    }

    /** The platform (plugins of {@code git.plugins.dir}, the model on the {@code git.backend.*} backend plugin). */
    @Bean
    @ConditionalOnMissingBean
    public GitModelRuntime gitModelRuntime(GitModelResolver resolver, GitProperties properties,
            ObjectProvider<BatchListener> batches) {
        return new GitModelRuntime(resolver, platformSettings(properties), properties.getModel().getLoading(),
                properties.getLimits().getConcurrency(), properties.getLimits().getAcquireTimeout(),
                batches.getIfAvailable(() -> BatchListener.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    public MediaDecoder gitCoreMediaDecoder(GitProperties properties) {
        return new MediaDecoder(properties.getLimits().media());
    }

    @Bean
    @ConditionalOnMissingBean
    public GitMediaDecoder gitMediaDecoder(MediaDecoder decoder) {
        return new GitMediaDecoder(decoder);
    }

    @Bean
    @ConditionalOnMissingBean
    public GitTaskRunner gitTaskRunner(GitModelRuntime runtime, GitMediaDecoder decoder, GitProperties properties) {
        return new GitTaskRunner(runtime, decoder, properties.getLimits());
    }

    @Bean
    @ConditionalOnMissingBean
    public GitCaptionService gitCaptionService(GitTaskRunner runner) {
        return new GitCaptionService(runner);
    }

    @Bean
    @ConditionalOnMissingBean
    public GitTimelineService gitTimelineService(GitTaskRunner runner) {
        return new GitTimelineService(runner);
    }

    @Bean
    @ConditionalOnMissingBean
    public GitAskService gitAskService(GitTaskRunner runner) {
        return new GitAskService(runner);
    }

    @Bean
    @ConditionalOnMissingBean
    public GitClassifyService gitClassifyService(GitTaskRunner runner) {
        return new GitClassifyService(runner);
    }

    static PlatformSettings platformSettings(GitProperties properties) {
        GitProperties.Plugins plugins = properties.getPlugins();
        GitProperties.Backend backend = properties.getBackend();
        GitProperties.Batching batching = properties.getBatching();
        GitProperties.Generation g = properties.getGeneration();
        GitProperties.Limits limits = properties.getLimits();
        return new PlatformSettings(
                new PluginSettings(plugins.getDir(), plugins.getEnabled(), plugins.getDisabled(),
                        plugins.getTaskTimeout(), plugins.getTasks(), plugins.getBackends()),
                new BackendSettings(backend.getId().strip().toLowerCase(Locale.ROOT), backend.getDeviceIndex(),
                        backend.getDtype() == null ? null : backend.getDtype().name().toLowerCase(Locale.ROOT),
                        backend.getThreads()),
                new BatchSettings(batching.isEnabled(), batching.getMaxBatchSize(), batching.getMaxWait(),
                        batching.getQueueCapacity(), batching.getRetryAfter()),
                new GenerationDefaults(new GenerationSettings(g.getMaxNewTokens(), null, g.getNumBeams(),
                        g.getLengthPenalty(), earlyStopping(g.getEarlyStopping()), g.getDoSample(), g.getTemperature(), g.getTopK(),
                        g.getTopP(), g.getSeed()), limits.getMaxNewTokens()),
                new OptionLimits(Math.max(limits.getMaxQuestions(), limits.getMaxLabels()),
                        limits.getMaxQuestionLength(),
                        Map.of("questions", limits.getMaxQuestions(), "labels", limits.getMaxLabels())));
    }

    private static EarlyStopping earlyStopping(String value) {
        try {
            return value == null ? null : EarlyStopping.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("git.generation.early-stopping: " + e.getMessage()); // says it all
        }
    }
}
