package io.gitplatform.spi;

/** The configured backend cannot run here; the message says why and what to supply. */
public class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) {
        super(message);
    }
}
