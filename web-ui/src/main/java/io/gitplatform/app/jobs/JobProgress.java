package io.gitplatform.app.jobs;

/** What a running job reports while it runs; the worker writes it to the store on its next heartbeat. */
public interface JobProgress {
    void step(JobStatus status);

    void framesDecoded(int frames);

    void token();

    /** A partial result (a timeline's segment) as JSON: stored at once, so every replica's subscribers get it. */
    void part(String kind, String json);
}
