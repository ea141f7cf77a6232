package io.gitplatform.starter.autoconfigure;

import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.platform.PluginSettings;
import io.gitplatform.core.spi.BackendSettings;
import io.gitplatform.plugins.captioning.CaptionTask;
import io.gitplatform.plugins.classification.ClassifyTask;
import io.gitplatform.plugins.vqa.VqaTask;
import io.gitplatform.starter.media.GitMediaDecoder;
import io.gitplatform.starter.model.GitEngineSelector;
import io.gitplatform.starter.model.GitModelResolver;
import io.gitplatform.starter.model.GitModelRuntime;
import io.gitplatform.starter.model.PropertiesModelResolver;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaptionService;
import io.gitplatform.starter.task.GitClassifyService;
import io.gitplatform.starter.task.GitTaskRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import java.util.List;
import java.util.Locale;
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

    /** The PF4J plugins of {@code git.plugins.dir}: backends now; task heads, and admin operations for the web UI. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PluginRuntime gitPluginRuntime(GitProperties properties) {
        return PluginRuntime.start(pluginSettings(properties.getPlugins()));
    }

    @Bean
    @ConditionalOnMissingBean
    public GitEngineSelector gitEngineSelector(PluginRuntime plugins, GitProperties properties) {
        return new GitEngineSelector(plugins, backendSettings(properties.getBackend()));
    }

    @Bean
    @ConditionalOnMissingBean
    public GitModelRuntime gitModelRuntime(GitModelResolver resolver, GitEngineSelector engine,
            GitProperties properties) {
        return new GitModelRuntime(resolver, engine, properties.getModel().getLoading(),
                properties.getLimits().getConcurrency(), properties.getLimits().getAcquireTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    public GitMediaDecoder gitMediaDecoder(GitProperties properties) {
        GitProperties.Limits limits = properties.getLimits();
        return new GitMediaDecoder(new MediaLimits(limits.getMaxMediaSize().toBytes(), limits.getMaxPixels(),
                limits.getMaxVideoDuration().toMillis() / 1000.0, MediaLimits.defaults().maxFrameCount(),
                limits.getDecodeTimeout()));
    }

    @Bean
    @ConditionalOnMissingBean
    public GitTaskRunner gitTaskRunner(GitModelRuntime runtime, PluginRuntime plugins, GitMediaDecoder decoder,
            GitProperties properties) {
        return new GitTaskRunner(runtime, plugins, List.of(new CaptionTask(), new VqaTask(), new ClassifyTask()),
                decoder, properties.getGeneration(), properties.getLimits());
    }

    @Bean
    @ConditionalOnMissingBean
    public GitCaptionService gitCaptionService(GitTaskRunner runner) {
        return new GitCaptionService(runner);
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

    static PluginSettings pluginSettings(GitProperties.Plugins plugins) {
        return new PluginSettings(plugins.getDir(), plugins.getEnabled(), plugins.getDisabled(),
                plugins.getTaskTimeout());
    }

    static BackendSettings backendSettings(GitProperties.Backend backend) {
        return new BackendSettings(backend.getId().strip().toLowerCase(Locale.ROOT), backend.getDeviceIndex(),
                backend.getDtype().name().toLowerCase(Locale.ROOT), backend.getThreads());
    }
}
