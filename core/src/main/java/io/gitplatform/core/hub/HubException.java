package io.gitplatform.core.hub;

/** A model that cannot be fetched; the message names the repo, revision or file, and what to do about it. */
public class HubException extends RuntimeException {

    /** What went wrong, for callers that react differently (fall back to the cache, ask for a token, retry). */
    public enum Kind {
        /** No such repo, revision or file. */
        NOT_FOUND,
        /** Gated or private: a (different) token is needed. */
        ACCESS_DENIED,
        /** The network or the hub failed; a later attempt may work (and resumes partial downloads). */
        UNAVAILABLE,
        /** A file's size or checksum differs from what the hub lists; it was discarded. */
        INTEGRITY,
        /** A file over {@link HubOptions#maxFileBytes()}. */
        TOO_LARGE,
        /** Offline, and the cache does not hold the model. */
        NOT_CACHED,
        /** The hub's answer is malformed or unsafe (a bad commit id, a file name with {@code ..}). */
        BAD_RESPONSE,
        /** The repo exists but is not a GIT model folder this platform can read. */
        UNSUPPORTED
    }

    private final Kind kind;

    public HubException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HubException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
