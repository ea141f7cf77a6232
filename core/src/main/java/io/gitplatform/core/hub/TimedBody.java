package io.gitplatform.core.hub;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read piece by piece with a timeout on each piece. HttpClient's request timeout stops at the headers,
 * and its InputStream blocks forever on a stalled server; this does not. One piece is requested at a time, so a slow
 * disk slows the download instead of filling the heap.
 */
final class TimedBody implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Duration timeout;
    private volatile Flow.Subscription subscription;

    private TimedBody(Duration timeout) {
        this.timeout = timeout;
    }

    static TimedBody subscribe(Flow.Publisher<List<ByteBuffer>> body, Duration timeout) {
        TimedBody reader = new TimedBody(timeout);
        body.subscribe(reader);
        return reader;
    }

    /** Drops a body nobody reads (a redirect's, an error's), which frees the connection. */
    static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    /** The next buffers, or null at the end of the body. */
    List<ByteBuffer> next() throws IOException {
        Object item;
        try {
            item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the response");
        }
        if (item == null) {
            cancel();
            throw new HttpTimeoutException("no data for " + timeout.toSeconds() + " s");
        }
        if (item == END) {
            return null;
        }
        if (item instanceof Throwable t) {
            throw t instanceof IOException io ? io : new IOException(t);
        }
        subscription.request(1);
        @SuppressWarnings("unchecked")
        List<ByteBuffer> buffers = (List<ByteBuffer>) item;
        return buffers;
    }

    /** Stops reading; the connection is closed. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }
}
