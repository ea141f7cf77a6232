package io.gitplatform.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.media.MediaException;
import org.junit.jupiter.api.Test;

class ProblemTests {

    @Test
    void everyMediaFailureHasTheStatusAndTitleOfTheRestApi() {
        assertThat(Problem.of(new MediaException(MediaException.Reason.EMPTY, "a.mp4: is empty (0 bytes)")))
                .isEqualTo(new Problem(400, "Empty media", "a.mp4: is empty (0 bytes)"));
        assertThat(Problem.of(new MediaException(MediaException.Reason.UNRECOGNIZED_FORMAT, "x")).title())
                .isEqualTo("Unsupported media type");
        assertThat(Problem.of(new MediaException(MediaException.Reason.UNREADABLE, "x")).title())
                .isEqualTo("Corrupt media");
        assertThat(Problem.of(new MediaException(MediaException.Reason.TOO_LONG, "x")).status()).isEqualTo(413);
        assertThat(Problem.of(new MediaException(MediaException.Reason.TIMEOUT, "x")).status()).isEqualTo(504);
        for (MediaException.Reason reason : MediaException.Reason.values()) {
            assertThat(Problem.of(new MediaException(reason, "x")).status()).isBetween(400, 599);
        }
    }

    @Test
    void taskFailuresAndRefusals() {
        assertThat(Problem.of(new UnknownTaskException("no task 'x'")))
                .isEqualTo(new Problem(503, "Task not available", "no task 'x'"));
        assertThat(Problem.of(new TaskTimeoutException("p", "slow")).title()).isEqualTo("Request timed out");
        assertThat(Problem.of(new TaskFailedException("p", "boom")).title()).isEqualTo("Task failed");
        assertThat(Problem.of(new IllegalArgumentException("ask needs a question")))
                .isEqualTo(new Problem(400, "Invalid option", "ask needs a question"));
        assertThat(Problem.of(new IllegalStateException("odd")))
                .isEqualTo(new Problem(500, "Internal error", "java.lang.IllegalStateException: odd"));
    }
}
