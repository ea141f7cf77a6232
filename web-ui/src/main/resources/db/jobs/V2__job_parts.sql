-- A running job's partial results (a timeline's segments), in the order its task reported them, so that any replica
-- can send them as server-sent events while the job runs. seq goes on rising across attempts (a new attempt drops the
-- previous attempt's parts); at most git.jobs.max-parts per job. Deleted with their job.
CREATE TABLE git_job_part (
    job_id     VARCHAR(36) NOT NULL,
    seq        INT         NOT NULL,
    kind       VARCHAR(32) NOT NULL,   -- the task's name for it, e.g. segment
    body       ${text}     NOT NULL,   -- JSON
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (job_id, seq)
);
