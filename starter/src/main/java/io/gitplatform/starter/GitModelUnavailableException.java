package io.gitplatform.starter;

/** The model could not be loaded (bad source, missing files, no GPU) or is closed. A web layer answers 503. */
public class GitModelUnavailableException extends RuntimeException {

    public GitModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
