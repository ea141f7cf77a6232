package io.gitplatform.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobTests {

    /** The worker checks the cancel flag, then sets its next step: a cancel in between must stay a cancel. */
    @Test
    void aStepAfterACancelDoesNotReviveTheJob() {
        Job job = new Job("j", "caption", 20);
        job.status(JobStatus.DECODING);
        assertThat(job.finish(JobStatus.CANCELLED, null, null)).isTrue();
        job.status(JobStatus.GENERATING);
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.view(true).status()).isEqualTo("cancelled");
    }
}
