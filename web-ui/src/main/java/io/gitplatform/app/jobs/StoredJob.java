package io.gitplatform.app.jobs;

/** A job's row as the store holds it (without its upload); JSON columns as text. */
public record StoredJob(String id, String task, JobStatus status, int framesDecoded, int tokensGenerated,
        int maxTokens, String result, String error, int attempts, long createdAt, long updatedAt, Long finishedAt) {
}
