package io.gitplatform.app.engine;

/** The model is still loading, failed to load, or is being reloaded: answered with 503. */
public class ModelNotReadyException extends RuntimeException {
    public ModelNotReadyException(String message) {
        super(message);
    }
}
