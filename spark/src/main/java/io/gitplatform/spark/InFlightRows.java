package io.gitplatform.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A partition's rows mapped on a pool with up to {@code limit} rows in flight, handed out in input order. Several
 * rows run at once so that the platform can batch them (one vision pass, one generation loop); the input iterator is
 * only ever read on the calling (Spark task) thread.
 */
final class InFlightRows<I, O> implements Iterator<O> {
    private final Iterator<I> input;
    private final int limit;
    private final ExecutorService pool;
    private final Function<I, O> work;
    private final ArrayDeque<Future<O>> window = new ArrayDeque<>();

    InFlightRows(Iterator<I> input, int limit, ExecutorService pool, Function<I, O> work) {
        if (limit < 1) {
            throw new IllegalArgumentException("rows in flight must be at least 1, got " + limit);
        }
        this.input = input;
        this.limit = limit;
        this.pool = pool;
        this.work = work;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !window.isEmpty();
    }

    @Override
    public O next() {
        fill();
        Future<O> head = window.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        try {
            return head.get();
        } catch (InterruptedException e) { // the Spark task was killed: stop the rest too
            cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a row");
        } catch (ExecutionException e) {
            cancel();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Cancels the rows still in flight (the task ended early or failed). */
    void cancel() {
        Future<O> f;
        while ((f = window.poll()) != null) {
            f.cancel(true);
        }
    }

    private void fill() {
        while (window.size() < limit && input.hasNext()) {
            I row = input.next();
            window.add(pool.submit(() -> work.apply(row)));
        }
    }
}
