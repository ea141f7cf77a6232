package io.gitplatform.app.jobs;

import io.gitplatform.spi.CancellationFlag;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One asynchronous task: its state, progress and outcome. Updated by its worker, read by pollers. */
public final class Job {
    private final String id;
    private final String task;
    private final Instant createdAt = Instant.now();
    private final CancellationFlag cancelled = new CancellationFlag();
    private final AtomicInteger tokensGenerated = new AtomicInteger();
    private final int maxTokens;
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile int framesDecoded;
    private volatile Instant finishedAt;
    private volatile Object result;
    private volatile Map<String, Object> error;
    /** Set on every change; the event pusher clears it when it has told the subscribers. */
    final AtomicBoolean dirty = new AtomicBoolean(true);

    Job(String id, String task, int maxTokens) {
        this.id = id;
        this.task = task;
        this.maxTokens = maxTokens;
    }

    public String id() {
        return id;
    }

    public JobStatus status() {
        return status;
    }

    CancellationFlag cancelFlag() {
        return cancelled;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    /** A step of a running job; a job already finished (cancelled meanwhile) keeps its final state. */
    synchronized void status(JobStatus s) {
        if (!status.finished()) {
            status = s;
            dirty.set(true);
        }
    }

    void framesDecoded(int n) {
        framesDecoded = n;
        dirty.set(true);
    }

    void token() {
        tokensGenerated.incrementAndGet();
        dirty.set(true);
    }

    /** Moves to a final state once; later attempts (a cancel racing a result) change nothing. */
    synchronized boolean finish(JobStatus s, Object result, Map<String, Object> error) {
        if (status.finished()) {
            return false;
        }
        this.result = result;
        this.error = error;
        this.finishedAt = Instant.now();
        this.status = s;
        dirty.set(true);
        return true;
    }

    /** The JSON view: progress counts frames decoded and tokens generated (beam search reports at the end). */
    public JobView view(boolean withResult) {
        return new JobView(id, task, status.name().toLowerCase(java.util.Locale.ROOT), createdAt, finishedAt,
                new JobView.Progress(framesDecoded, tokensGenerated.get(), maxTokens),
                withResult ? result : null, error);
    }
}
