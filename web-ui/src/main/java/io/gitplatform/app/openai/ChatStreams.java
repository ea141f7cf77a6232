package io.gitplatform.app.openai;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.config.Limits;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.openai.ChatResponses.Chunk;
import io.gitplatform.app.openai.ChatResponses.ChunkChoice;
import io.gitplatform.app.openai.ChatResponses.Delta;
import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.core.platform.TaskFailedException;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TokenScore;
import org.springframework.http.HttpStatus;
import io.gitplatform.starter.autoconfigure.GitProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a chat completion as server-sent events: a role chunk, one chunk per text delta, a chunk with the finish
 * reason, a usage chunk when asked, then {@code data: [DONE]}. The batcher's thread only queues token ids; a pump
 * thread per stream decodes and writes them, so a slow client never holds up a batch. A client that goes away
 * cancels its generation.
 */
@Component
class ChatStreams implements DisposableBean {
    private final TaskService tasks;
    private final ModelHolder model;
    private final Limits limits;
    private final GitProperties.Batching batching;
    private final ThreadPoolExecutor pumps;
    private final ExecutorService runs;

    ChatStreams(TaskService tasks, ModelHolder model, Limits limits, GitProperties git) {
        this.tasks = tasks;
        this.model = model;
        this.limits = limits;
        this.batching = git.getBatching();
        this.pumps = new ThreadPoolExecutor(0, batching.getQueueCapacity(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, "git-chat-stream"));
        this.runs = Executors.newCachedThreadPool(r -> daemon(r, "git-chat-run"));
    }

    SseEmitter stream(ChatController.Call call, String id, long created, String name, boolean includeUsage) {
        BlockingQueue<Scored> tokens = new LinkedBlockingQueue<>();
        CancellationFlag cancel = new CancellationFlag();
        ChatTokens text = call.tokens(model.pipeline().tokenizer());
        SseEmitter emitter = new SseEmitter(limits.requestTimeout().toMillis() + 5_000);
        emitter.onTimeout(cancel::cancel);
        emitter.onError(e -> cancel.cancel());
        Sender send = new Sender(emitter, id, created, name);
        CompletableFuture<TaskResult> future;
        try {
            // The task runs through its head on its own thread; the batcher's thread only queues token ids.
            FirstRowTokens queue = (token, score) -> tokens.add(new Scored(token, score));
            future = CompletableFuture.supplyAsync(() -> tasks.run(call.task(), call.frames(), call.options(),
                    queue, ProgressListener.NONE, cancel, limits.requestTimeout()), runs);
            pumps.execute(() -> pump(call, cancel, future, tokens, text, send, includeUsage));
        } catch (RejectedExecutionException e) {
            cancel.cancel();
            throw new QueueFullException("too many streams open", batching.getRetryAfter());
        }
        return emitter;
    }

    /** A token and its scores, from the generation loop to the pump. */
    private record Scored(long token, TokenScore score) {
    }

    private void pump(ChatController.Call call, CancellationFlag cancel, CompletableFuture<TaskResult> future,
            BlockingQueue<Scored> tokens, ChatTokens text, Sender send, boolean includeUsage) {
        try {
            send.delta(new Delta("assistant", ""), null, null);
            while (true) {
                Scored token = tokens.poll(20, TimeUnit.MILLISECONDS);
                if (token != null) {
                    // after a stop sequence the rest of the generation is drained unseen (usage counts up to it)
                    send.piece(text.push(token.token(), token.score()), text.wantsLogprobs());
                } else if (future.isDone()) {
                    break;
                }
            }
            TaskResult r = future.join();
            Answer a = r.answers().get(0);
            send.piece(text.finish(), text.wantsLogprobs());
            send.delta(new Delta(null, null), null,
                    text.stopped() ? "stop" : ChatController.finishReason(a.finish()));
            if (includeUsage) {
                send.chunk(new Chunk(send.id, "chat.completion.chunk", send.created, send.model, List.of(),
                        ChatController.usage(call, a, text.stopped() ? text.generated() : a.completionTokens())));
            }
            send.done();
        } catch (IOException e) {
            cancel.cancel(); // the client went away
        } catch (CancellationException e) {
            // cancelled by a departed client: nobody to answer
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                send.error(OpenAiErrors.of(api));
            } else if (cause instanceof OpenAiException openAi) {
                send.error(openAi);
            } else if (cause instanceof TaskFailedException failed) {
                send.error(new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", failed.getMessage(),
                        null, "task_failed"));
            } else {
                send.error(new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                        "generation failed: " + cause.getMessage(), null, null));
            }
        } catch (InterruptedException e) {
            cancel.cancel();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Writes the events of one stream. */
    private record Sender(SseEmitter emitter, String id, long created, String model) {
        void delta(Delta delta, Object logprobs, String finishReason) throws IOException {
            chunk(new Chunk(id, "chat.completion.chunk", created, model,
                    List.of(new ChunkChoice(0, delta, logprobs, finishReason)), null));
        }

        /** A text delta with its tokens' log-probabilities; nothing while text is held back. */
        void piece(ChatTokens.Piece p, boolean logprobs) throws IOException {
            if (!p.text().isEmpty()) {
                delta(new Delta(null, p.text()), logprobs ? Map.of("content", p.logprobs()) : null, null);
            }
        }

        void chunk(Chunk chunk) throws IOException {
            emitter.send(SseEmitter.event().data(chunk, MediaType.APPLICATION_JSON));
        }

        void done() throws IOException {
            emitter.send(SseEmitter.event().data("[DONE]", MediaType.TEXT_PLAIN));
            emitter.complete();
        }

        /** A failure after the 200 went out: an error object as OpenAI streams it, then the end. */
        void error(OpenAiException e) {
            try {
                emitter.send(SseEmitter.event().data(OpenAiErrors.body(e), MediaType.APPLICATION_JSON));
                done();
            } catch (IOException ignored) {
                // nobody is listening any more
            }
        }
    }

    @Override
    public void destroy() {
        pumps.shutdown();
        runs.shutdown();
    }
}
