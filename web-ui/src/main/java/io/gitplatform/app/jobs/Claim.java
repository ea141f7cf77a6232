package io.gitplatform.app.jobs;

/**
 * A job this replica holds: every write it makes names the owner and the attempt, so a replica whose lease expired
 * (and whose job another replica took) can no longer change it.
 */
public record Claim(String id, String owner, int attempt, JobRequest request, int maxTokens) {
}
