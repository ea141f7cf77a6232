package io.gitplatform.spi;

/** Hears how far a request got: for progress bars and server-sent events. Called on the worker thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, fraction) -> { };

    /**
     * @param stage    what is running: {@code encode} (the vision pass), {@code generate}, {@code score}, or a head's
     *                 own stage name
     * @param fraction 0 when the stage starts, 1 when it is done
     */
    void onProgress(String stage, double fraction);
}
