package io.gitplatform.app.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs table, shared by every replica. Claims and completions are single conditional UPDATEs (compare-and-set on
 * status, owner and attempt), which H2 and PostgreSQL both run atomically: two replicas racing for one job see one
 * update count of 1, and a result is recorded once, by the holder of the current attempt.
 */
public class JobStore {
    private static final String RUNNING = "('decoding', 'generating')";
    private static final String FINISHED = "('succeeded', 'failed', 'cancelled')";
    private static final String COLUMNS = "id, task, status, frames_decoded, tokens_generated, max_tokens, result, "
            + "error, attempts, created_at, updated_at, finished_at";
    private static final TypeReference<Map<String, List<String>>> OPTIONS = new TypeReference<>() {
    };
    private static final RowMapper<StoredJob> ROW = JobStore::row;

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public JobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, JobRequest request, int maxTokens, long now) {
        jdbc.update("INSERT INTO git_job (id, task, options, file_name, upload, status, max_tokens, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)", id, request.task(),
                json.writeValueAsString(request.options()), request.fileName(), request.upload(), maxTokens, now, now);
    }

    public Optional<StoredJob> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM git_job WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Jobs accepted and not finished: the queue depth every replica sees. */
    public int unfinished() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM git_job WHERE status NOT IN " + FINISHED, Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * Takes the oldest job that is queued or whose runner's lease has expired, for {@code owner} until
     * {@code leaseUntil}. A job already run {@code maxAttempts} times is failed instead of being run again.
     */
    public Optional<Claim> claim(String owner, long now, long leaseUntil, int maxAttempts) {
        List<String> candidates = jdbc.queryForList("SELECT id FROM git_job WHERE status = 'queued' OR (status IN "
                + RUNNING + " AND lease_until < ?) ORDER BY created_at LIMIT 8", String.class, now);
        for (String id : candidates) {
            String takeable = " WHERE id = ? AND (status = 'queued' OR (status IN " + RUNNING + " AND lease_until < ?))";
            int abandoned = jdbc.update("UPDATE git_job SET status = 'failed', error = ?, upload = NULL, owner = NULL, "
                    + "finished_at = ?, updated_at = ?" + takeable + " AND attempts >= ?",
                    abandonedProblem(maxAttempts), now, now, id, now, maxAttempts);
            if (abandoned == 1) {
                continue;
            }
            int taken = jdbc.update("UPDATE git_job SET status = 'decoding', owner = ?, lease_until = ?, "
                    + "attempts = attempts + 1, frames_decoded = 0, tokens_generated = 0, updated_at = ?" + takeable,
                    owner, leaseUntil, now, id, now);
            if (taken == 1) {
                return jdbc.query("SELECT task, options, upload, file_name, attempts, max_tokens, owner FROM git_job "
                        + "WHERE id = ?", (rs, i) -> new Claim(id, rs.getString("owner"), rs.getInt("attempts"),
                                new JobRequest(rs.getString("task"), json.readValue(rs.getString("options"), OPTIONS),
                                        rs.getBytes("upload"), rs.getString("file_name")),
                                rs.getInt("max_tokens")), id).stream()
                        .filter(c -> owner.equals(c.owner())).findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a running job's step and progress and extends its lease. False when the job is no longer this claim's
     * to run: cancelled, or taken by another replica after the lease expired.
     */
    public boolean heartbeat(Claim claim, JobStatus status, int frames, int tokens, long now, long leaseUntil) {
        return jdbc.update("UPDATE git_job SET status = ?, frames_decoded = ?, tokens_generated = ?, lease_until = ?, "
                + "updated_at = CASE WHEN status = ? AND frames_decoded = ? AND tokens_generated = ? THEN updated_at "
                + "ELSE ? END WHERE id = ? AND owner = ? AND attempts = ? AND status IN " + RUNNING,
                name(status), frames, tokens, leaseUntil, name(status), frames, tokens, now, claim.id(), claim.owner(),
                claim.attempt()) == 1;
    }

    /** Records the outcome once: true for the one write that finished the job. */
    public boolean complete(Claim claim, JobStatus status, int frames, int tokens, String result, String error,
            long now) {
        return jdbc.update("UPDATE git_job SET status = ?, frames_decoded = ?, tokens_generated = ?, result = ?, "
                + "error = ?, upload = NULL, owner = NULL, finished_at = ?, updated_at = ? WHERE id = ? AND owner = ? "
                + "AND attempts = ? AND status IN " + RUNNING, name(status), frames, tokens, result, error, now, now,
                claim.id(), claim.owner(), claim.attempt()) == 1;
    }

    /** Hands a running job back to the queue (this replica is stopping); the attempt does not count. */
    public boolean release(Claim claim, long now) {
        return jdbc.update("UPDATE git_job SET status = 'queued', owner = NULL, lease_until = 0, "
                + "attempts = attempts - 1, frames_decoded = 0, tokens_generated = 0, updated_at = ? WHERE id = ? "
                + "AND owner = ? AND attempts = ? AND status IN " + RUNNING, now, claim.id(), claim.owner(),
                claim.attempt()) == 1;
    }

    /** Cancels a job not yet finished, whichever replica runs it (its heartbeat then fails and it stops). */
    public boolean cancel(String id, long now) {
        return jdbc.update("UPDATE git_job SET status = 'cancelled', upload = NULL, owner = NULL, finished_at = ?, "
                + "updated_at = ? WHERE id = ? AND status NOT IN " + FINISHED, now, now, id) == 1;
    }

    /** Deletes finished jobs older than {@code cutoff}, and their parts; the number of jobs deleted. */
    public int purge(long cutoff) {
        int n = jdbc.update("DELETE FROM git_job WHERE status IN " + FINISHED + " AND finished_at < ?", cutoff);
        jdbc.update("DELETE FROM git_job_part WHERE NOT EXISTS (SELECT 1 FROM git_job j WHERE j.id = job_id)");
        return n;
    }

    /**
     * Starts a new attempt's parts: drops the previous attempts' and returns the seq to number them from (above every
     * seq used so far, so a subscriber that saw earlier ones is not confused).
     */
    public int restartParts(String id) {
        Integer max = jdbc.queryForObject("SELECT MAX(seq) FROM git_job_part WHERE job_id = ?", Integer.class, id);
        jdbc.update("DELETE FROM git_job_part WHERE job_id = ?", id);
        return max == null ? 0 : max + 1;
    }

    /** Stores a part of the running attempt; false (not stored) once the attempt is no longer the claim's. */
    public boolean addPart(Claim claim, int seq, String kind, String body, long now) {
        return jdbc.update("INSERT INTO git_job_part (job_id, seq, kind, body, created_at) SELECT ?, ?, ?, ?, ? "
                + "FROM git_job WHERE id = ? AND owner = ? AND attempts = ? AND status IN " + RUNNING, claim.id(), seq,
                kind, body, now, claim.id(), claim.owner(), claim.attempt()) == 1;
    }

    /** A job's parts after {@code afterSeq}, in order. */
    public List<JobPart> parts(String id, int afterSeq) {
        return jdbc.query("SELECT seq, kind, body FROM git_job_part WHERE job_id = ? AND seq > ? ORDER BY seq",
                (rs, i) -> new JobPart(rs.getInt("seq"), rs.getString("kind"), rs.getString("body")), id, afterSeq);
    }

    private String abandonedProblem(int maxAttempts) {
        return json.writeValueAsString(Map.of("status", 500, "title", "Job abandoned", "detail",
                "the job's runner stopped " + maxAttempts + " times without finishing it"));
    }

    private static String name(JobStatus s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static StoredJob row(ResultSet rs, int i) throws SQLException {
        long finishedAt = rs.getLong("finished_at");
        Long finished = rs.wasNull() ? null : finishedAt;
        return new StoredJob(rs.getString("id"), rs.getString("task"),
                JobStatus.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getInt("frames_decoded"), rs.getInt("tokens_generated"), rs.getInt("max_tokens"),
                rs.getString("result"), rs.getString("error"), rs.getInt("attempts"), rs.getLong("created_at"),
                rs.getLong("updated_at"), finished);
    }
}
