package io.gitplatform.app.openai;

import io.gitplatform.app.batch.BatchResult;
import io.gitplatform.app.batch.Batcher;
import io.gitplatform.app.batch.GenerationTask;
import io.gitplatform.app.batch.QueueFullException;
import io.gitplatform.app.config.BatchingProperties;
import io.gitplatform.app.config.Limits;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.openai.ChatResponses.Chunk;
import io.gitplatform.app.openai.ChatResponses.ChunkChoice;
import io.gitplatform.app.openai.ChatResponses.Delta;
import io.gitplatform.core.pipeline.TextResult;
import io.gitplatform.core.tokenizer.TokenStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final Batcher batcher;
    private final ModelHolder model;
    private final Limits limits;
    private final BatchingProperties batching;
    private final ThreadPoolExecutor pumps;

    ChatStreams(Batcher batcher, ModelHolder model, Limits limits, BatchingProperties batching) {
        this.batcher = batcher;
        this.model = model;
        this.limits = limits;
        this.batching = batching;
        this.pumps = new ThreadPoolExecutor(0, batching.queueCapacity(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "git-chat-stream");
                    t.setDaemon(true);
                    return t;
                });
    }

    SseEmitter stream(GenerationTask base, String id, long created, String name, boolean includeUsage) {
        BlockingQueue<Long> tokens = new LinkedBlockingQueue<>();
        GenerationTask task = base.withListener((row, token) -> tokens.add(token));
        TokenStream text = model.pipeline().tokenizer().stream();
        CompletableFuture<BatchResult> future = batcher.submit(task);
        SseEmitter emitter = new SseEmitter(limits.requestTimeout().toMillis());
        emitter.onTimeout(() -> task.cancelled().set(true));
        emitter.onError(e -> task.cancelled().set(true));
        Sender send = new Sender(emitter, id, created, name);
        try {
            pumps.execute(() -> pump(task, future, tokens, text, send, includeUsage));
        } catch (RejectedExecutionException e) {
            task.cancelled().set(true);
            throw new QueueFullException("too many streams open", batching.retryAfter());
        }
        return emitter;
    }

    private void pump(GenerationTask task, CompletableFuture<BatchResult> future, BlockingQueue<Long> tokens,
            TokenStream text, Sender send, boolean includeUsage) {
        long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
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
                } else if (System.nanoTime() > deadline) {
                    task.cancelled().set(true);
                    send.error("Request timed out", "the request took longer than the limit of "
                            + limits.requestTimeout().toMillis() + " ms and was cancelled");
                    return;
                }
            }
            BatchResult r = future.join();
            TextResult t = r.results().get(0);
            send.delta(new Delta(null, null), ChatController.finishReason(t.finish()));
            if (includeUsage) {
                send.chunk(new Chunk(send.id, "chat.completion.chunk", send.created, send.model, List.of(),
                        ChatController.usage(r, t)));
            }
            send.done();
        } catch (IOException e) {
            task.cancelled().set(true); // the client went away
        } catch (CancellationException e) {
            // the batcher dropped the request, cancelled by a timeout or a departed client: nobody to answer
        } catch (CompletionException e) {
            send.error("Generation failed", String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            task.cancelled().set(true);
            Thread.currentThread().interrupt();
        }
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
    }
}
