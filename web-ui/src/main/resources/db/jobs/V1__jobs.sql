-- Asynchronous jobs shared by every replica. Times are epoch milliseconds from the replicas' clocks (kept in step by
-- NTP; a lease is tens of seconds, skew milliseconds). ${bytes} and ${text} are the binary and long-text types of the
-- database in use (BLOB/CLOB on H2, BYTEA/TEXT on PostgreSQL).
CREATE TABLE git_job (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    task             VARCHAR(100) NOT NULL,
    options          ${text}      NOT NULL,  -- JSON object: form field -> list of values
    file_name        VARCHAR(255),
    upload           ${bytes},               -- dropped once the job is finished
    status           VARCHAR(16)  NOT NULL,  -- queued, decoding, generating, succeeded, failed, cancelled
    frames_decoded   INT          NOT NULL DEFAULT 0,
    tokens_generated INT          NOT NULL DEFAULT 0,
    max_tokens       INT          NOT NULL DEFAULT 0,
    result           ${text},                -- JSON, once succeeded
    error            ${text},                -- JSON problem, once failed
    owner            VARCHAR(100),           -- the replica running it
    attempts         INT          NOT NULL DEFAULT 0,
    lease_until      BIGINT       NOT NULL DEFAULT 0,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    finished_at      BIGINT
);
CREATE INDEX git_job_status ON git_job (status, created_at);
