package io.gitplatform.app.jobs;

/** What a running job reports while it runs; the worker writes it to the store on its next heartbeat. */
public interface JobProgress {
    void step(JobStatus status);

    void framesDecoded(int frames);

    void token();
}
