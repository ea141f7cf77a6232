package io.gitplatform.starter;

/** Every model slot stayed taken for the configured wait: retry later. A web layer answers 429 or 503. */
public class GitBusyException extends RuntimeException {

    public GitBusyException(String message) {
        super(message);
    }
}
