package io.gitplatform.core.media;

import java.time.Duration;

/** The wall-clock budget of one decode, checked between grabs and on every read FFmpeg makes. */
final class Deadline {

    private final long endNanos;
    private final Duration timeout;
    private final String name;

    private Deadline(Duration timeout, String name) {
        this.endNanos = System.nanoTime() + timeout.toNanos();
        this.timeout = timeout;
        this.name = name;
    }

    static Deadline after(Duration timeout, String name) {
        return new Deadline(timeout, name);
    }

    boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    void check() {
        if (expired()) {
            throw new MediaException(MediaException.Reason.TIMEOUT,
                    name + ": decoding took longer than the limit of " + timeout.toMillis() + " ms and was aborted");
        }
    }
}
