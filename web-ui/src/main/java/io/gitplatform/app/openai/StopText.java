package io.gitplatform.app.openai;

import java.util.List;

/**
 * The text of a completion cut before the first stop sequence, as it streams: a tail that could still become a stop
 * sequence is held back until the next piece tells, so a client never sees any part of a stop sequence.
 */
final class StopText {
    private final List<String> stops;
    private String held = "";
    private boolean stopped;

    StopText(List<String> stops) {
        this.stops = stops;
    }

    /** Appends a piece of text; returns what may be shown now. */
    String push(String piece) {
        if (stopped) {
            return "";
        }
        String text = held + piece;
        int cut = -1;
        for (String s : stops) {
            int i = text.indexOf(s);
            if (i >= 0 && (cut < 0 || i < cut)) {
                cut = i;
            }
        }
        if (cut >= 0) {
            stopped = true;
            held = "";
            return text.substring(0, cut);
        }
        int keep = 0;
        for (String s : stops) {
            for (int n = Math.min(s.length() - 1, text.length()); n > keep; n--) {
                if (text.endsWith(s.substring(0, n))) {
                    keep = n;
                    break;
                }
            }
        }
        held = text.substring(text.length() - keep);
        return text.substring(0, text.length() - keep);
    }

    /** The text held back at the end of a completion that met no stop sequence. */
    String flush() {
        String rest = stopped ? "" : held;
        held = "";
        return rest;
    }

    boolean stopped() {
        return stopped;
    }
}
