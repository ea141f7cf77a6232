package io.gitplatform.starter.autoconfigure;

import io.gitplatform.starter.chat.GitChatModel;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaptionService;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring AI {@link ChatModel} backed by GIT. Selected with {@code spring.ai.model.chat=git}, or when that property
 * is not set (Spring AI's convention for choosing among several providers on the classpath).
 */
@AutoConfiguration(after = GitAutoConfiguration.class)
@ConditionalOnClass(ChatModel.class)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "git", matchIfMissing = true)
@ConditionalOnBean({GitCaptionService.class, GitAskService.class})
@EnableConfigurationProperties(GitChatProperties.class)
public class GitChatAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public GitChatModel gitChatModel(GitCaptionService captions, GitAskService answers, GitChatProperties chat, GitProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ChatModelObservationConvention> observationConvention) {
        GitChatModel model = new GitChatModel(captions, answers, chat.getOptions().toChatOptions(),
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
                properties.getLimits().getConcurrency(), properties.getLimits().getStreamQueueCapacity());
        observationConvention.ifAvailable(model::setObservationConvention);
        return model;
    }

    /**
     * A ready {@link ChatClient} on the GIT model, from Spring AI's auto-configured builder when there is one (it
     * carries the application's customizers and observations), else from the model alone.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ChatClient.class)
    static class GitChatClientConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ChatClient gitChatClient(GitChatModel model, ObjectProvider<ChatClient.Builder> builder) {
            return builder.getIfAvailable(() -> ChatClient.builder(model)).build();
        }
    }
}
