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
import io.gitplatform.core.tokenizer.TokenStream;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskResult;
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
        BlockingQueue<Long> tokens = new LinkedBlockingQueue<>();
        CancellationFlag cancel = new CancellationFlag();
        TokenStream text = model.pipeline().tokenizer().stream();
        SseEmitter emitter = new SseEmitter(limits.requestTimeout().toMillis() + 5_000);
        emitter.onTimeout(cancel::cancel);
        emitter.onError(e -> cancel.cancel());
        Sender send = new Sender(emitter, id, created, name);
        CompletableFuture<TaskResult> future;
        try {
            // The task runs through its head on its own thread; the batcher's thread only queues token ids.
            future = CompletableFuture.supplyAsync(() -> tasks.run(call.task(), call.frames(), call.options(),
                    (row, token) -> {
                        if (row == 0) {
                            tokens.add(token);
                        }
                    }, ProgressListener.NONE, cancel, limits.requestTimeout()), runs);
            pumps.execute(() -> pump(call, cancel, future, tokens, text, send, includeUsage));
        } catch (RejectedExecutionException e) {
            cancel.cancel();
            throw new QueueFullException("too many streams open", batching.getRetryAfter());
        }
        return emitter;
    }

    private void pump(ChatController.Call call, CancellationFlag cancel, CompletableFuture<TaskResult> future,
            BlockingQueue<Long> tokens, TokenStream text, Sender send, boolean includeUsage) {
        try {
            send.delta(new Delta("assistant", ""), null);
            while (true) {
                Long token = tokens.poll(20, TimeUnit.MILLISECONDS);
                if (token != null) {
                    String piece = text.push(token);
                    if (!piece.isEmpty()) {
                        send.delta(new Delta(null, piece), null);
                    }
                } else if (future.isDone()) {
                    break;
                }
            }
            TaskResult r = future.join();
            Answer a = r.answers().get(0);
            send.delta(new Delta(null, null), ChatController.finishReason(a.finish()));
            if (includeUsage) {
                send.chunk(new Chunk(send.id, "chat.completion.chunk", send.created, send.model, List.of(),
                        ChatController.usage(call, a)));
            }
            send.done();
        } catch (IOException e) {
            cancel.cancel(); // the client went away
        } catch (CancellationException e) {
            // cancelled by a departed client: nobody to answer
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                send.error(api.title(), api.getMessage());
            } else if (cause instanceof TaskFailedException failed) {
                send.error("Task failed", failed.getMessage());
            } else {
                send.error("Generation failed", String.valueOf(cause.getMessage()));
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
        void delta(Delta delta, String finishReason) throws IOException {
            chunk(new Chunk(id, "chat.completion.chunk", created, model,
                    List.of(new ChunkChoice(0, delta, finishReason)), null));
        }

        void chunk(Chunk chunk) throws IOException {
            emitter.send(SseEmitter.event().data(chunk, MediaType.APPLICATION_JSON));
        }

        void done() throws IOException {
            emitter.send(SseEmitter.event().data("[DONE]", MediaType.TEXT_PLAIN));
            emitter.complete();
        }

        /** A failure after the 200 went out: an error object as OpenAI streams it, then the end. */
        void error(String title, String detail) {
            try {
                emitter.send(SseEmitter.event().data(Map.of("error", Map.of("message", detail, "type", title)),
                        MediaType.APPLICATION_JSON));
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
