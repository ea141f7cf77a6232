package io.gitplatform.core.platform;

import io.gitplatform.core.media.MediaException;
import java.util.Objects;

/**
 * A failed request as a client sees it: an HTTP status, a title to act on, and the detail. One table for every front
 * door, so the REST API's problem responses and a batch job's per-row errors say the same thing about the same input.
 *
 * @param status the HTTP status the REST API answers with
 * @param title  short and stable ("Corrupt media", "Video too long"): what a client branches on
 * @param detail the exception's message: names the input and the problem
 */
public record Problem(int status, String title, String detail) {
    public Problem {
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
    }

    /** The problem a failure of decoding or of running a task stands for; anything unexpected is an internal error. */
    public static Problem of(Throwable e) {
        String detail = e.getMessage();
        if (e instanceof MediaException m) {
            return switch (m.reason()) {
                case EMPTY -> new Problem(400, "Empty media", detail);
                case UNRECOGNIZED_FORMAT -> new Problem(415, "Unsupported media type", detail);
                case NO_VIDEO_STREAM -> new Problem(415, "No video stream", detail);
                case UNSUPPORTED_CODEC -> new Problem(415, "Unsupported codec", detail);
                case CORRUPT, UNREADABLE -> new Problem(400, "Corrupt media", detail);
                case TOO_LARGE -> new Problem(413, "Media too large", detail);
                case TOO_LONG -> new Problem(413, "Video too long", detail);
                case TIMEOUT -> new Problem(504, "Decoding timed out", detail);
                case STALLED -> new Problem(504, "Stream stalled", detail);
                case BROKEN -> new Problem(502, "Stream broke", detail);
            };
        }
        if (e instanceof UnknownTaskException) {
            return new Problem(503, "Task not available", detail);
        }
        if (e instanceof TaskTimeoutException) {
            return new Problem(504, "Request timed out", detail);
        }
        if (e instanceof TaskFailedException) {
            return new Problem(500, "Task failed", detail);
        }
        if (e instanceof IllegalArgumentException) { // a task head's way of refusing the request
            return new Problem(400, "Invalid option", detail);
        }
        return new Problem(500, "Internal error", e.toString());
    }
}
