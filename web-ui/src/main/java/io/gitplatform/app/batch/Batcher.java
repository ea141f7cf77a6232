package io.gitplatform.app.batch;

import io.gitplatform.app.config.BatchingProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.metrics.ServingMetrics;
import io.gitplatform.core.generate.TokenListener;
import io.gitplatform.core.image.ImageProcessor;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.TextResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Dynamic batching: one worker takes the oldest waiting request, gathers up to {@code max-batch-size} waiting
 * requests with the same {@link GenerationTask#key()} within {@code max-wait} of the first one's arrival, encodes
 * their inputs in ONE vision pass ({@link GitPipeline#encodePixels}, pixels preprocessed on the callers' threads)
 * and generates for all their prompts in ONE loop
 * ({@link GitPipeline#generate(EncodedInput, int[], List, io.gitplatform.core.generate.GenerationOptions,
 * TokenListener, java.util.function.BooleanSupplier)}). Every row gives what it gives alone, so batching changes
 * throughput, never results. One worker, because the engine already uses every core for one pass.
 */
@Component
public class Batcher implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(Batcher.class);

    private final ModelHolder model;
    private final BatchingProperties properties;
    private final ServingMetrics metrics;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread worker;
    private boolean closed;

    public Batcher(ModelHolder model, BatchingProperties properties, ServingMetrics metrics) {
        this.model = model;
        this.properties = properties;
        this.metrics = metrics;
        metrics.queueDepth(this::depth);
        this.worker = new Thread(this::work, "git-batcher");
        worker.start();
    }

    /**
     * Queues a request; the future completes with its result, or with the failure of its batch. The pixels are
     * preprocessed here, on the caller's thread, so the worker spends its time in the model.
     */
    public CompletableFuture<BatchResult> submit(GenerationTask task) {
        GitPipeline pipeline = model.pipeline(); // 503 now rather than after queueing
        float[] pixels = pipeline.preprocess(task.frames().images(), task.frames().video());
        Pending p = new Pending(task, pixels, pipeline.processor(), System.nanoTime());
        synchronized (queue) {
            if (closed) {
                throw new QueueFullException("the server is shutting down", properties.retryAfter());
            }
            if (queue.size() >= properties.queueCapacity()) {
                throw new QueueFullException("the generation queue is full (" + properties.queueCapacity()
                        + " requests waiting)", properties.retryAfter());
            }
            queue.addLast(p);
            queue.notifyAll();
        }
        return p.future;
    }

    private int depth() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void work() {
        while (true) {
            List<Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    /** Blocks for the oldest request, then gathers its company; null once closed and drained. */
    private List<Pending> nextBatch() throws InterruptedException {
        synchronized (queue) {
            Pending first = null;
            while (first == null) {
                while (queue.isEmpty()) {
                    if (closed) {
                        return null;
                    }
                    queue.wait();
                }
                first = queue.pollFirst();
                if (first.abandoned()) {
                    first.drop();
                    first = null;
                }
            }
            List<Pending> batch = new ArrayList<>(List.of(first));
            GenerationTask.BatchKey key = first.task.key();
            int max = properties.effectiveBatchSize();
            if (key == null || max == 1) {
                return batch;
            }
            long deadline = first.enqueued + properties.maxWait().toNanos();
            while (true) {
                for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < max; ) {
                    Pending p = it.next();
                    if (key.equals(p.task.key())) {
                        it.remove();
                        if (!p.abandoned()) {
                            batch.add(p);
                        } else {
                            p.drop();
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                if (batch.size() >= max || left <= 0 || closed) {
                    return batch;
                }
                queue.wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }

    private void run(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            List<BatchResult> results = model.withPipeline(p -> generate(p, batch, start));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).future.complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (!(e instanceof RuntimeException)) {
                log.error("batch of {} failed", batch.size(), e);
            }
            batch.forEach(p -> p.future.completeExceptionally(e));
        }
    }

    private List<BatchResult> generate(GitPipeline pipeline, List<Pending> batch, long start) {
        List<float[]> inputs = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> local = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            GenerationTask t = p.task;
            // Pixels made for a model that a reload has since replaced are made again for this one.
            inputs.add(p.processor == pipeline.processor() ? p.pixels
                    : pipeline.preprocess(t.frames().images(), t.frames().video()));
            for (int q = 0; q < t.prompts().size(); q++) {
                prompts.add(t.prompts().get(q));
                owner.add(i);
                local.add(q);
            }
        }
        int[] promptInput = owner.stream().mapToInt(Integer::intValue).toArray();
        TokenListener route = (row, token) -> batch.get(owner.get(row)).task.listener().onToken(local.get(row), token);
        GenerationTask head = batch.get(0).task;
        try (EncodedInput encoded = pipeline.encodePixels(inputs, head.frames().count(), head.frames().video())) {
            long generateStart = System.nanoTime();
            List<TextResult> out = pipeline.generate(encoded, promptInput, prompts, head.options(), route,
                    () -> batch.stream().allMatch(Pending::abandoned));
            long generateNanos = System.nanoTime() - generateStart;
            metrics.batch(batch.size(), out.stream().mapToLong(TextResult::completionTokens).sum(), generateNanos);
            List<List<TextResult>> split = new ArrayList<>();
            batch.forEach(p -> split.add(new ArrayList<>()));
            for (int r = 0; r < out.size(); r++) {
                split.get(owner.get(r)).add(out.get(r));
            }
            String name = pipeline.folder().name();
            int imageTokens = encoded.prefix().tokens();
            List<BatchResult> results = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                results.add(new BatchResult(split.get(i), name, batch.size(), imageTokens,
                        start - batch.get(i).enqueued, encoded.encodeNanos(), generateNanos));
            }
            return results;
        }
    }

    /** Stops taking requests, finishes the ones queued, then stops the worker (after graceful web shutdown). */
    @Override
    public void destroy() throws InterruptedException {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        worker.join(60_000);
    }

    private record Pending(GenerationTask task, float[] pixels, ImageProcessor processor, long enqueued,
            CompletableFuture<BatchResult> future) {
        Pending(GenerationTask task, float[] pixels, ImageProcessor processor, long enqueued) {
            this(task, pixels, processor, enqueued, new CompletableFuture<>());
        }

        /** Cancelled by its caller, or already answered (timed out): no work is spent on it. */
        boolean abandoned() {
            return task.cancelled().get() || future.isDone();
        }

        /** Answers an abandoned request with a cancellation, so that whoever still waits on it stops waiting. */
        void drop() {
            future.cancel(false);
        }
    }
}
