package io.gitplatform.spi;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Where and how the model runs: engine, device, dtype and threads. A backend chooses; it never bundles native
 * libraries (those live in the host application, loaded by one class loader).
 */
public interface InferenceBackend extends ExtensionPoint {

    /** The id configuration selects it by ({@code cpu}, {@code gpu}). */
    String id();

    /** One line for listings. */
    String description();

    /** The engine it drives ({@code PyTorch}). */
    String engine();

    /** The dtypes it supports, the default first. */
    List<String> dtypes();

    /** Whether it can run on this machine with these settings, and why not. */
    Availability availability(BackendSettings settings);

    /**
     * Applies the process-wide engine settings (threads) and returns where the model's tensors go and in which
     * dtype. Called once, before the model is opened.
     *
     * @throws BackendUnavailableException when {@link #availability} says no
     * @throws IllegalArgumentException    for settings it does not support (an unknown dtype)
     */
    EnginePlacement prepare(BackendSettings settings);
}
