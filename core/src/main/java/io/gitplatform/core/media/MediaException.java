package io.gitplatform.core.media;

/** Why an image or video could not be decoded; the message names the file (or upload) and the problem. */
public class MediaException extends RuntimeException {

    /** The kind of failure, for callers that map failures to responses (e.g. HTTP status codes). */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** Not one of the supported image or video formats (judged by content, never by file name). */
        UNRECOGNIZED_FORMAT,
        /** A supported format, but damaged or truncated. */
        CORRUPT,
        /** Over the byte limit, or a frame over the pixel limit (decompression bombs are refused from the header). */
        TOO_LARGE,
        /** Over the duration or frame-count limit. */
        TOO_LONG,
        /** A media file without any video stream, e.g. audio only. */
        NO_VIDEO_STREAM,
        /** A video stream whose codec this FFmpeg build cannot decode. */
        UNSUPPORTED_CODEC,
        /** Decoding took longer than the configured timeout and was aborted. */
        TIMEOUT,
        /** A file path that could not be read (missing, a directory, no permission). */
        UNREADABLE,
        /** A live stream that delivered no frame for longer than its stall limit. */
        STALLED,
        /** A live stream that could not be opened or broke off while it was read. */
        BROKEN
    }

    private final Reason reason;

    public MediaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
