package io.gitplatform.plugins.timeline;

import java.util.List;
import java.util.Locale;

/** A timeline written as JSON, WebVTT (W3C WebVTT) or SubRip (SRT). */
final class TimelineFormats {

    private TimelineFormats() {
    }

    static String write(String format, List<Segment> segments) {
        return switch (format) {
            case "vtt" -> vtt(segments);
            case "srt" -> srt(segments);
            default -> json(segments);
        };
    }

    /** {@code [{start_s, end_s, caption, frames: [{index, timestamp_s}]}]}. */
    static String json(List<Segment> segments) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < segments.size(); i++) {
            out.append(i == 0 ? "" : ",").append(json(segments.get(i)));
        }
        return out.append(']').toString();
    }

    static String json(Segment s) {
        StringBuilder out = new StringBuilder();
        out.append("{\"start_s\":").append(seconds(s.startSeconds())).append(",\"end_s\":")
                .append(seconds(s.endSeconds())).append(",\"caption\":").append(quote(s.caption()))
                .append(",\"frames\":[");
        for (int i = 0; i < s.frames().size(); i++) {
            Segment.SampledFrame f = s.frames().get(i);
            out.append(i == 0 ? "" : ",").append("{\"index\":").append(f.index()).append(",\"timestamp_s\":")
                    .append(seconds(f.timestampSeconds())).append('}');
        }
        return out.append("]}").toString();
    }

    /**
     * WebVTT: a header, then cues without identifiers (optional in the spec, and some parsers, e.g. the one the tests
     * use, read a cue's first line as its timing); {@code &}, {@code <} and {@code >} escaped, "-->" never in a text.
     */
    static String vtt(List<Segment> segments) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Segment s : segments) {
            out.append(time(s.startSeconds(), '.')).append(" --> ")
                    .append(time(s.endSeconds(), '.')).append('\n').append(vttText(s.caption())).append("\n\n");
        }
        return out.toString();
    }

    /** SubRip: numbered cues with comma decimal marks; a text never holds a blank line (that would end the cue). */
    static String srt(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (Segment s : segments) {
            out.append(n++).append('\n').append(time(s.startSeconds(), ',')).append(" --> ")
                    .append(time(s.endSeconds(), ',')).append('\n').append(line(s.caption())).append("\n\n");
        }
        return out.toString();
    }

    static String vttText(String text) {
        return line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One line of text: line breaks become spaces, and a cue text cannot be mistaken for a timing line. */
    private static String line(String text) {
        String one = text.replaceAll("[\\r\\n]+", " ").strip().replace("-->", "->");
        return one.isEmpty() ? "..." : one;
    }

    /** {@code hh:mm:ss.ttt} (or {@code ,ttt}), rounded to the millisecond. */
    static String time(double seconds, char mark) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                mark, ms % 1000);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
