package io.gitplatform.core.hub;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar per file for the command line, redrawn in place with a carriage return:
 * {@code model.safetensors   42% [############                  ] 2.3 MiB / 5.6 MiB}. It redraws only when the
 * percentage changes, and prints nothing at all when disabled (quiet, or not a terminal) so logs and pipes stay clean.
 */
public final class ProgressBar implements DownloadProgress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private String file;
    private int percent;
    private int lastLength;
    private boolean lineOpen;

    public ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /**
     * A bar on standard error, unless {@code quiet} or there is no terminal. Java 17 can only tell whether the console
     * (stdin and stdout) is interactive, which is what a redirected or piped run changes.
     */
    public static ProgressBar stderr(boolean quiet) {
        return new ProgressBar(System.err, !quiet && System.console() != null);
    }

    @Override
    public synchronized void update(String file, long bytesDone, long bytesTotal) {
        if (!enabled) {
            return;
        }
        int p = bytesTotal <= 0 ? 100 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
        boolean sameFile = file.equals(this.file);
        if (sameFile && lineOpen && p == percent) {
            return;
        }
        if (!sameFile && lineOpen) {
            out.print('\n'); // the previous file stopped part way
            lastLength = 0;
        }
        this.file = file;
        this.percent = p;
        int filled = p * WIDTH / 100;
        String line = String.format(Locale.ROOT, "%-24s %3d%% [%s%s] %s / %s", file, p, "#".repeat(filled),
                " ".repeat(WIDTH - filled), bytes(bytesDone), bytes(bytesTotal));
        // Spaces wipe the tail of a longer previous line.
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        lineOpen = bytesDone < bytesTotal;
        if (!lineOpen) {
            out.print('\n');
            lastLength = 0;
        }
        out.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
