package io.gitplatform.starter.model;

/** Where the model is in its life: what a readiness probe reports. */
public enum GitModelState {
    /** Not loaded yet (lazy loading, before the first request). */
    NOT_LOADED,
    /** Being resolved (possibly downloaded) and read into memory. */
    LOADING,
    /** Loaded: requests run without waiting for a load. */
    READY,
    /** The last load failed; the next request tries again. */
    FAILED,
    /** Closed with the application context. */
    CLOSED
}
