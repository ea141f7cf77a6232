package io.gitplatform.starter;

/** The request is at fault: unreadable media, too many frames, a bad option. A web layer answers 400. */
public class GitInputException extends IllegalArgumentException {

    public GitInputException(String message) {
        super(message);
    }

    public GitInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
