package io.gitplatform.app.jobs;

import java.time.Instant;

/**
 * A job as clients see it.
 *
 * @param result the task's response body (as from the synchronous endpoint) once succeeded
 * @param error  a problem (title, status, detail) once failed
 */
public record JobView(String id, String task, String status, Instant createdAt, Instant finishedAt,
        Progress progress, Object result, Object error) {

    /** @param maxTokens the token budget per prompt */
    public record Progress(int framesDecoded, int tokensGenerated, int maxTokens) {
    }
}
