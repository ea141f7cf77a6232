package io.gitplatform.starter.chat;

import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.starter.GitBusyException;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.task.GitAnswer;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaption;
import io.gitplatform.starter.task.GitCaptionService;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A Spring AI {@link ChatModel} backed by GIT: a user message with an image or video captions it (no text) or answers
 * its text as a question about it (see {@link GitChatRequests} for the mapping). Calls and streams are observed with
 * Spring AI's chat conventions. Streaming runs on a bounded pool of workers and stops generating when the subscriber
 * cancels.
 */
public class GitChatModel implements ChatModel, AutoCloseable {

    /** The {@code gen_ai.system} value observations report. */
    public static final String PROVIDER = "git";

    private static final ChatModelObservationConvention DEFAULT_CONVENTION =
            new DefaultChatModelObservationConvention();

    private final GitCaptionService captions;
    private final GitAskService answers;
    private final GitChatOptions defaultOptions;
    private final ObservationRegistry observationRegistry;
    private final ThreadPoolExecutor streamWorkers;
    private ChatModelObservationConvention observationConvention = DEFAULT_CONVENTION;

    /**
     * @param streamWorkers       threads that run streaming requests
     * @param streamQueueCapacity streaming requests that may wait for a thread; more are refused as busy
     */
    public GitChatModel(GitCaptionService captions, GitAskService answers, GitChatOptions defaultOptions, ObservationRegistry observationRegistry, int streamWorkers,
            int streamQueueCapacity) {
        this.captions = captions;
        this.answers = answers;
        this.defaultOptions = defaultOptions;
        this.observationRegistry = observationRegistry;
        AtomicInteger n = new AtomicInteger();
        this.streamWorkers = new ThreadPoolExecutor(streamWorkers, streamWorkers, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, streamQueueCapacity)), r -> {
                    Thread t = new Thread(r, "git-chat-stream-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.streamWorkers.allowCoreThreadTimeOut(true);
    }

    public void setObservationConvention(ChatModelObservationConvention observationConvention) {
        this.observationConvention = observationConvention;
    }

    @Override
    public ChatOptions getOptions() {
        return defaultOptions;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Prompt request = withDefaults(prompt);
        ChatModelObservationContext context = ChatModelObservationContext.builder().prompt(request)
                .provider(PROVIDER).build();
        return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                .observation(observationConvention, DEFAULT_CONVENTION, () -> context, observationRegistry)
                .observe(() -> {
                    String id = UUID.randomUUID().toString();
                    Reply reply = generate(request, null, new CancellationFlag());
                    ChatResponse response = response(id, reply.text(), reply);
                    context.setResponse(response);
                    return response;
                });
    }

    /**
     * Text deltas as they are generated, then one last response with no text, the finish reason and the usage.
     * Cancelling the subscription stops generation at the next token.
     */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.deferContextual(contextView -> {
            Prompt request = withDefaults(prompt);
            ChatModelObservationContext context = ChatModelObservationContext.builder().prompt(request)
                    .provider(PROVIDER).streaming(true).build();
            Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
                    observationConvention, DEFAULT_CONVENTION, () -> context, observationRegistry);
            observation.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
                    .start();
            Flux<ChatResponse> chunks = Flux.create(sink -> submit(request, sink));
            return new MessageAggregator().aggregate(chunks, context::setResponse)
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private void submit(Prompt request, FluxSink<ChatResponse> sink) {
        CancellationFlag cancellation = new CancellationFlag();
        sink.onDispose(cancellation::cancel);
        String id = UUID.randomUUID().toString();
        try {
            streamWorkers.execute(() -> {
                try {
                    Reply reply = generate(request, delta -> sink.next(response(id, delta, null)), cancellation);
                    sink.next(response(id, "", reply));
                    sink.complete();
                } catch (RuntimeException | Error e) {
                    sink.error(e);
                }
            });
        } catch (RejectedExecutionException e) {
            sink.error(new GitBusyException("every streaming worker is busy and the queue is full"));
        }
    }

    private Reply generate(Prompt request, Consumer<String> onText, CancellationFlag cancellation) {
        GitMedia media = GitChatRequests.media(request);
        String question = GitChatRequests.question(request);
        GenerationSettings generation = GitChatRequests.generation(request.getOptions());
        if (question.isEmpty()) {
            GitCaption c = captions.caption(media, generation, onText, cancellation);
            return new Reply(c.text(), c.finish(), c.promptTokens(), c.completionTokens(), c.model());
        }
        GitAnswer a = answers.ask(media, question, generation, onText, cancellation);
        return new Reply(a.text(), a.finish(), a.promptTokens(), a.completionTokens(), a.model());
    }

    /** The request's options over this model's defaults, as the prompt the observation reports. */
    private Prompt withDefaults(Prompt prompt) {
        ChatOptions options = prompt.getOptions() == null ? defaultOptions
                : defaultOptions.mutate().combineWith(prompt.getOptions().mutate()).build();
        return new Prompt(prompt.getInstructions(), options);
    }

    /** A chunk ({@code reply} null) or a complete response with finish reason and usage. */
    private static ChatResponse response(String id, String text, Reply reply) {
        if (reply == null) {
            return new ChatResponse(List.of(new Generation(new AssistantMessage(text))),
                    ChatResponseMetadata.builder().id(id).build());
        }
        ChatGenerationMetadata generation = ChatGenerationMetadata.builder().finishReason(finishReason(reply.finish()))
                .build();
        ChatResponseMetadata metadata = ChatResponseMetadata.builder().id(id).model(reply.model())
                .usage(new DefaultUsage(reply.promptTokens(), reply.completionTokens())).build();
        return new ChatResponse(List.of(new Generation(new AssistantMessage(text), generation)), metadata);
    }

    static String finishReason(FinishReason finish) {
        return switch (finish) {
            case EOS -> "STOP";
            case LENGTH -> "LENGTH";
            case CANCELLED -> "CANCELLED";
        };
    }

    /** Stops the streaming workers; running generations finish first. */
    @Override
    public void close() {
        streamWorkers.shutdown();
    }

    private record Reply(String text, FinishReason finish, int promptTokens, int completionTokens, String model) {
    }
}
