package io.gitplatform.spi;

/**
 * Whether a backend can run on this machine.
 *
 * @param reason why not (null when available): what is missing and how to supply it
 */
public record Availability(boolean available, String reason) {
    public static Availability yes() {
        return new Availability(true, null);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
