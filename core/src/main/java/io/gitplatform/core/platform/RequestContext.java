package io.gitplatform.core.platform;

import io.gitplatform.core.batch.Batcher;
import io.gitplatform.core.batch.SharedEncoding;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.ModelInfo;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskTimings;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TextTokens;
import io.gitplatform.spi.TokenListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The {@link TaskContext} of one task call: generation goes through the platform's {@link Batcher} (shared with
 * every other caller), encodings are kept per input object in the request's {@link EncodingCache}, and the
 * {@code encode}, {@code generate} and {@code score} stages are reported to the request's progress listener, so heads
 * report only their own stages.
 */
public final class RequestContext implements TaskContext {
    private final GitPipeline pipeline;
    private final Batcher batcher;
    private final GenerationDefaults defaults;
    private final EncodingCache cache;
    private final TaskRequest request;
    private final long startNanos = System.nanoTime();
    private final long encodeNanosBefore;
    private long queueNanos;
    private long ownEncodeNanos;
    private long generateNanos;
    private int batchSize;

    public RequestContext(GitPipeline pipeline, Batcher batcher, GenerationDefaults defaults, EncodingCache cache,
            TaskRequest request) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.batcher = Objects.requireNonNull(batcher, "batcher");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.request = Objects.requireNonNull(request, "request");
        this.encodeNanosBefore = cache.encodeNanos();
    }

    @Override
    public ModelInfo model() {
        return pipeline.info();
    }

    @Override
    public TextTokens tokens() {
        return pipeline.textTokens();
    }

    @Override
    public List<TextResult> generate(TaskInput input, List<String> prompts, GenerationSettings settings) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("nothing to generate: no prompt");
        }
        GenerationOptions options = defaults.resolve(pipeline.defaultOptions(), settings);
        List<long[]> ids = prompts.stream().map(pipeline::prompt).toList();
        try {
            return run(input, ids, options);
        } catch (CancellationException e) {
            // Dropped from the queue after the request was cancelled: nothing was generated.
            List<TextResult> none = new ArrayList<>();
            ids.forEach(p -> none.add(new TextResult("", new long[0], p.length, FinishReason.CANCELLED, 0)));
            return none;
        }
    }

    @Override
    public List<TextResult> captionAll(List<TaskInput> inputs, GenerationSettings settings) {
        GenerationOptions options = defaults.resolve(pipeline.defaultOptions(), settings);
        long[] prompt = pipeline.prompt("");
        List<TextResult> out = new ArrayList<>();
        // A batch at a time: every input of a chunk is preprocessed and queued at once, so they share one pass and
        // one loop, while pixels and encodings of later chunks are not held yet.
        int chunk = Math.max(1, batcher.settings().effectiveBatchSize());
        for (int from = 0; from < inputs.size(); from += chunk) {
            List<TaskInput> part = inputs.subList(from, Math.min(inputs.size(), from + chunk));
            if (request.cancellation().isCancelled()) {
                part.forEach(i -> out.add(new TextResult("", new long[0], prompt.length, FinishReason.CANCELLED, 0)));
                continue;
            }
            request.progress().onProgress("encode", 0);
            List<CompletableFuture<Batcher.Done>> futures = new ArrayList<>();
            for (TaskInput input : part) {
                futures.add(batcher.submit(new Batcher.Work(input, null, List.of(prompt), options, TokenListener.NONE,
                        request.cancellation(), request.progress())));
            }
            for (CompletableFuture<Batcher.Done> future : futures) {
                Batcher.Done done;
                try {
                    done = await(future);
                } catch (CancellationException e) {
                    out.add(new TextResult("", new long[0], prompt.length, FinishReason.CANCELLED, 0));
                    continue;
                }
                if (done.slot() != null) {
                    done.slot().release(); // not kept: the caller captions each input once
                }
                synchronized (this) {
                    ownEncodeNanos += done.encodeNanos();
                    queueNanos += done.queueNanos();
                    generateNanos += done.generateNanos();
                    batchSize = Math.max(batchSize, done.batchSize());
                }
                out.add(done.results().get(0));
            }
        }
        return out;
    }

    @Override
    public double[] score(TaskInput input, String prompt, List<String> continuations) {
        SharedEncoding.Slot slot = encoded(input);
        request.progress().onProgress("score", 0);
        double[] scores = pipeline.scoreContinuations(slot.encoded(), slot.index(), prompt == null ? "" : prompt,
                continuations);
        request.progress().onProgress("score", 1);
        return scores;
    }

    @Override
    public double[][] scoreTokens(TaskInput input, List<long[]> prompts, List<long[]> continuations) {
        SharedEncoding.Slot slot = encoded(input);
        request.progress().onProgress("score", 0);
        double[][] scores = pipeline.scoreTokens(slot.encoded(), slot.index(), prompts, continuations);
        request.progress().onProgress("score", 1);
        return scores;
    }

    @Override
    public TaskTimings timings() {
        synchronized (this) {
            return new TaskTimings(Duration.ofNanos(cache.encodeNanos() - encodeNanosBefore + ownEncodeNanos),
                    Duration.ofNanos(System.nanoTime() - startNanos), Duration.ofNanos(queueNanos),
                    Duration.ofNanos(generateNanos), batchSize);
        }
    }

    EncodingCache cache() {
        return cache;
    }

    /** The input's encoding, made by a vision pass (batched with others') if this request has none yet. */
    private SharedEncoding.Slot encoded(TaskInput input) {
        run(input, List.of(), null);
        return cache.encoded(input);
    }

    /** One trip through the batcher: encode the input unless this request already did, and generate. */
    private List<TextResult> run(TaskInput input, List<long[]> prompts, GenerationOptions options) {
        CompletableFuture<SharedEncoding.Slot> known = cache.claim(input);
        SharedEncoding.Slot slot = known == null ? null : await(known);
        if (slot != null && prompts.isEmpty()) {
            return List.of();
        }
        if (slot == null) {
            request.progress().onProgress("encode", 0);
        }
        Batcher.Done done;
        try {
            done = await(batcher.submit(new Batcher.Work(input, slot, prompts, options, request.tokens(),
                    request.cancellation(), request.progress())));
        } catch (RuntimeException | Error e) {
            if (slot == null) {
                cache.fail(input, e);
            }
            throw e;
        }
        if (done.slot() != null) {
            cache.fulfil(input, done.slot(), done.encodeNanos());
        }
        synchronized (this) {
            queueNanos += done.queueNanos();
            generateNanos += done.generateNanos();
            batchSize = Math.max(batchSize, done.batchSize());
        }
        return done.results();
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            request.cancellation().cancel();
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
