package io.gitplatform.core.hub;

/** Untrusted text (user input, server responses) made safe to put in a message: short, no control characters. */
final class Printable {
    private static final int MAX = 120;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX ? out + "..." : out.toString();
    }
}
