package io.gitplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set ({@code VmHWM}: Java heap, native tensors and mapped files alike), on Linux. */
final class PeakRss {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakRss() {
    }

    /** Peak resident megabytes so far, or -1 where /proc is unavailable. */
    static double megabytes() {
        return field("VmHWM:");
    }

    /** Resident megabytes now, or -1 where /proc is unavailable. */
    static double currentMegabytes() {
        return field("VmRSS:");
    }

    /** What the resident set is made of now: anonymous memory, mapped files (the weights), the Java heap. */
    static String breakdown() {
        Runtime rt = Runtime.getRuntime();
        return String.format("rss %.0f MB (anon %.0f, files %.0f; java heap %.0f committed), peak %.0f MB",
                currentMegabytes(), field("RssAnon:"), field("RssFile:"), rt.totalMemory() / 1048576.0, megabytes());
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or no procfs: reported as unknown
        }
        return -1;
    }

    /**
     * Restarts the peak from the current resident set (Linux 4.0+: {@code echo 5 > /proc/self/clear_refs}), so that
     * generating the random checkpoint does not count; returns false where that is not possible.
     */
    static boolean reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
