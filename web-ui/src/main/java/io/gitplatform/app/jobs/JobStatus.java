package io.gitplatform.app.jobs;

/** Where a job is: QUEUED, DECODING, GENERATING, then one of the three final states. */
public enum JobStatus {
    QUEUED, DECODING, GENERATING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
