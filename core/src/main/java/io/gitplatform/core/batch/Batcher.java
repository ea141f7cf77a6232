package io.gitplatform.core.batch;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.model.NativeMemory;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TokenListener;
import io.gitplatform.spi.TokenScore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching below the task heads: one worker takes the oldest waiting {@link Work}, gathers up to
 * {@code maxBatchSize} waiting works with the same key within {@code maxWait} of the first one's arrival, encodes
 * their new inputs in ONE vision pass (pixels preprocessed on the callers' threads) and generates for all their
 * prompts in ONE loop. Every row gives what it gives alone, so batching changes throughput, never results. One
 * worker, because the engine already uses every core for one pass.
 *
 * <p>Works batch together when they would run the same loop: new inputs of one kind and frame count with equal
 * generation options, or prompts about inputs of one earlier pass (follow-up questions) with equal options. A sampled
 * generation draws from one random stream per loop, so it never shares.
 */
public final class Batcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Batcher.class);

    private final GitPipeline pipeline;
    private final BatchSettings settings;
    private final BatchListener listener;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread worker;
    private boolean closed;

    /**
     * One caller's work: encode {@code input} unless {@code encoded} already holds it, then generate for its prompts
     * (none: encode only).
     *
     * @param prompts token ids, each starting with {@code [CLS]}
     * @param options the generation settings (ignored without prompts)
     * @param tokens  receives this work's tokens; its row is the index into {@code prompts}
     */
    public record Work(TaskInput input, SharedEncoding.Slot encoded, List<long[]> prompts, GenerationOptions options,
            TokenListener tokens, BooleanSupplier cancelled, ProgressListener progress) {
        public Work {
            Objects.requireNonNull(input, "input");
            prompts = List.copyOf(prompts);
            tokens = tokens == null ? TokenListener.NONE : tokens;
            cancelled = cancelled == null ? () -> false : cancelled;
            progress = progress == null ? ProgressListener.NONE : progress;
            if (!prompts.isEmpty()) {
                Objects.requireNonNull(options, "options");
            }
        }

        /** Works with equal keys can share a forward pass; null: never shares. */
        Key key() {
            GenerationOptions loop = prompts.isEmpty() ? null : options;
            if (loop != null && loop.doSample()) {
                return null;
            }
            return encoded != null ? new Key(encoded.encoding(), false, 0, loop)
                    : new Key(null, input.video(), input.frames().size(), loop);
        }
    }

    /** What a work's input was encoded by (an earlier pass, or none yet), its kind and frames, and its loop. */
    record Key(SharedEncoding encoding, boolean video, int frames, GenerationOptions loop) {
    }

    /**
     * A work's result.
     *
     * @param slot      the input's encoding when this pass made it (the caller owns it and releases it), else null
     * @param results   one per prompt, in order
     * @param batchSize works that shared the pass
     */
    public record Done(SharedEncoding.Slot slot, List<TextResult> results, int batchSize, long queueNanos,
            long encodeNanos, long generateNanos) {
    }

    public Batcher(GitPipeline pipeline, BatchSettings settings, BatchListener listener) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.listener = listener == null ? BatchListener.NONE : listener;
        this.worker = new Thread(this::work, "git-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a work; the future completes with its result, or with the failure of its batch. A new input's pixels are
     * preprocessed here, on the caller's thread, so the worker spends its time in the model.
     *
     * @throws QueueFullException when {@code queueCapacity} works are already waiting, or the batcher is closed
     */
    public CompletableFuture<Done> submit(Work work) {
        float[] pixels = work.encoded() != null ? null
                : pipeline.preprocess(work.input().frames(), work.input().video());
        Pending p = new Pending(work, pixels, System.nanoTime(), new CompletableFuture<>());
        synchronized (queue) {
            if (closed) {
                throw new QueueFullException("the platform is shutting down", settings.retryAfter());
            }
            if (queue.size() >= settings.queueCapacity()) {
                throw new QueueFullException("the generation queue is full (" + settings.queueCapacity()
                        + " requests waiting)", settings.retryAfter());
            }
            queue.addLast(p);
            queue.notifyAll();
        }
        return p.future;
    }

    /** Works waiting for a batch. */
    public int depth() {
        synchronized (queue) {
            return queue.size();
        }
    }

    public BatchSettings settings() {
        return settings;
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

    /** Blocks for the oldest work, then gathers its company; null once closed and drained. */
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
            Key key = first.work.key();
            int max = settings.effectiveBatchSize();
            if (key == null || max == 1) {
                return batch;
            }
            long deadline = first.enqueued + settings.maxWait().toNanos();
            while (true) {
                for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < max; ) {
                    Pending p = it.next();
                    if (key.equals(p.work.key())) {
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
            List<Done> results = runBatch(batch, start);
            for (int i = 0; i < batch.size(); i++) {
                Done done = results.get(i);
                if (!batch.get(i).future.complete(done) && done.slot() != null) {
                    done.slot().release(); // its caller gave up: nobody else will
                }
            }
        } catch (RuntimeException | Error e) {
            if (!(e instanceof RuntimeException)) {
                log.error("batch of {} failed", batch.size(), e);
            }
            batch.forEach(p -> p.future.completeExceptionally(e));
        } finally {
            NativeMemory.release();
        }
    }

    private List<Done> runBatch(List<Pending> batch, long start) {
        Work head = batch.get(0).work;
        SharedEncoding shared;
        int[] inputOf = new int[batch.size()];
        long encodeNanos = 0;
        if (head.encoded() != null) {
            shared = null; // every work of the batch names an input of the same earlier pass
            for (int i = 0; i < batch.size(); i++) {
                inputOf[i] = batch.get(i).work.encoded().index();
            }
        } else {
            List<float[]> pixels = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                pixels.add(batch.get(i).pixels);
                inputOf[i] = i;
            }
            EncodedInput encoded = pipeline.encodePixels(pixels, head.input().frames().size(), head.input().video());
            shared = new SharedEncoding(encoded);
            encodeNanos = encoded.encodeNanos();
        }
        try {
            EncodedInput encoded = shared != null ? shared.encoded() : head.encoded().encoded();
            batch.forEach(p -> {
                p.work.progress().onProgress("encode", 1);
                if (!p.work.prompts().isEmpty()) {
                    p.work.progress().onProgress("generate", 0);
                }
            });
            List<long[]> prompts = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            List<Integer> local = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                List<long[]> own = batch.get(i).work.prompts();
                for (int q = 0; q < own.size(); q++) {
                    prompts.add(own.get(q));
                    owner.add(i);
                    local.add(q);
                }
            }
            List<List<TextResult>> split = new ArrayList<>();
            batch.forEach(p -> split.add(new ArrayList<>()));
            long generateNanos = 0;
            if (!prompts.isEmpty()) {
                int[] promptInput = owner.stream().mapToInt(i -> inputOf[i]).toArray();
                boolean scored = batch.stream().anyMatch(p -> p.work.tokens().wantsScores()); // once, not per token
                TokenListener route = new TokenListener() {
                    @Override
                    public void onToken(int row, long token) {
                        batch.get(owner.get(row)).work.tokens().onToken(local.get(row), token);
                    }

                    @Override
                    public boolean wantsScores() {
                        return scored;
                    }

                    @Override
                    public void onScoredToken(int row, long token, TokenScore score) {
                        batch.get(owner.get(row)).work.tokens().onScoredToken(local.get(row), token, score);
                    }
                };
                long generateStart = System.nanoTime();
                List<TextResult> out = pipeline.generateTokens(encoded, promptInput, prompts, head.options(), route,
                        () -> batch.stream().allMatch(Pending::abandoned));
                generateNanos = System.nanoTime() - generateStart;
                for (int r = 0; r < out.size(); r++) {
                    split.get(owner.get(r)).add(out.get(r));
                }
                batch.forEach(p -> {
                    if (!p.work.prompts().isEmpty()) {
                        p.work.progress().onProgress("generate", 1);
                    }
                });
            }
            listener.onBatch(batch.size(), split.stream().flatMap(List::stream)
                    .mapToLong(TextResult::completionTokens).sum(), generateNanos);
            List<Done> results = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                results.add(new Done(shared != null ? shared.slot(i) : null, split.get(i), batch.size(),
                        start - batch.get(i).enqueued, encodeNanos, generateNanos));
            }
            return results;
        } finally {
            if (shared != null) {
                shared.release(); // the batcher's own hold; the callers' slots keep the tensors alive
            }
        }
    }

    /** Stops taking work, finishes what is queued, then stops the worker. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        try {
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(Work work, float[] pixels, long enqueued, CompletableFuture<Done> future) {
        /** Cancelled by its caller, or already answered (timed out): no work is spent on it. */
        boolean abandoned() {
            return work.cancelled().getAsBoolean() || future.isDone();
        }

        /** Answers an abandoned work with a cancellation, so that whoever still waits on it stops waiting. */
        void drop() {
            future.cancel(false);
        }
    }
}
