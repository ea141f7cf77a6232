package io.gitplatform.plugins.timeline;

import io.gitplatform.spi.OptionType;
import io.gitplatform.spi.TaskOption;
import java.util.List;
import java.util.Map;

/**
 * A timeline request's options.
 *
 * @param scenes      cut at scene changes (else fixed windows)
 * @param window      fixed mode: the window length in seconds
 * @param minSegment  scenes mode: a change sooner than this after the last cut is ignored
 * @param maxSegment  scenes mode: a segment is cut at this length even without a change
 * @param threshold   scenes mode: the share of pixels whose colour changed between frames (0..1) that is a change
 * @param merge       consecutive segments with the same caption become one
 * @param format      json, vtt or srt
 * @param maxSegments segments one request may produce; past it the request fails naming the limit (the segments so
 *                    far were already reported), which bounds a live stream's memory
 */
record TimelineSettings(boolean scenes, double window, double minSegment, double maxSegment, double threshold,
        boolean merge, String format, int maxSegments) {

    static final List<TaskOption> OPTIONS = List.of(
            new TaskOption("mode", OptionType.STRING, "scenes",
                    "scenes: cut where the picture changes; fixed: cut every 'window' seconds").allowing("scenes", "fixed"),
            new TaskOption("window", OptionType.NUMBER, "5", "fixed mode: segment length in seconds")
                    .between(0.5, 600.0),
            new TaskOption("min-segment", OptionType.NUMBER, "1",
                    "scenes mode: changes sooner than this many seconds after a cut are ignored").between(0.25, 600.0),
            new TaskOption("max-segment", OptionType.NUMBER, "30",
                    "scenes mode: a segment is cut at this many seconds even without a change").between(0.5, 600.0),
            new TaskOption("threshold", OptionType.NUMBER, "0.05",
                    "scenes mode: the share of pixels whose colour changed between frames (0..1) that counts as a"
                    + " scene change")
                    .between(0.001, 1.0),
            new TaskOption("merge", OptionType.BOOLEAN, "true",
                    "consecutive segments with the same caption are merged into one"),
            new TaskOption("format", OptionType.STRING, "json", "the result's text: json, vtt (WebVTT) or srt")
                    .allowing("json", "vtt", "srt"),
            new TaskOption("max-segments", OptionType.INTEGER, "1000",
                    "segments one request may produce; past it the request fails with the segments so far")
                    .between(1.0, 100_000.0));

    static TimelineSettings of(Map<String, String> extra) {
        TimelineSettings s = new TimelineSettings(!"fixed".equals(value(extra, "mode")), number(extra, "window"),
                number(extra, "min-segment"), number(extra, "max-segment"), number(extra, "threshold"),
                Boolean.parseBoolean(value(extra, "merge").trim()), value(extra, "format").trim(),
                (int) number(extra, "max-segments"));
        if (s.scenes && s.minSegment > s.maxSegment) {
            throw new IllegalArgumentException("'min-segment' (" + s.minSegment + " s) must not exceed 'max-segment' ("
                    + s.maxSegment + " s)");
        }
        return s;
    }

    /** The longest a segment can be, which bounds the frames held at once. */
    double longestSegment() {
        return scenes ? maxSegment : window;
    }

    private static String value(Map<String, String> extra, String name) {
        String v = extra.get(name);
        if (v != null) {
            return v;
        }
        return OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().defaultValue();
    }

    private static double number(Map<String, String> extra, String name) {
        return Double.parseDouble(value(extra, name).trim());
    }
}
