package io.gitplatform.core.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The platform's version, defined once: the Maven project version, written into {@code platform-version.properties}
 * by the build. Plugins state what they need with {@code Plugin-Requires}; the command line prints it.
 */
public final class PlatformVersion {
    private static final String RESOURCE = "platform-version.properties";
    private static final String VERSION = read();

    private PlatformVersion() {
    }

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return VERSION;
    }

    /**
     * The version {@code Plugin-Requires} is checked against: {@link #current()} without its pre-release or build
     * suffix, so that a snapshot build satisfies {@code >=0.1.0} like the release it leads to.
     */
    public static String release() {
        return release(VERSION);
    }

    static String release(String version) {
        int end = version.length();
        for (char c : new char[] {'-', '+'}) {
            int i = version.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return version.substring(0, end);
    }

    private static String read() {
        try (InputStream in = PlatformVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the core jar (built without Maven?)");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "");
            if (version.isBlank() || version.startsWith("@")) {
                throw new IllegalStateException(RESOURCE + " holds no version (was resource filtering skipped?)");
            }
            return version.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
