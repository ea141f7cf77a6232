package io.gitplatform.spi;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Set by the caller (a closed HTTP connection) or by the platform (a timeout); polled by the generation loop before
 * every step, so a cancelled request stops within one decoder step and returns what it has.
 */
public final class CancellationFlag implements BooleanSupplier {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public boolean getAsBoolean() {
        return cancelled.get();
    }
}
