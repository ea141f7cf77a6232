package io.gitplatform.plugins.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.MediaVideoSource;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import io.gitplatform.core.platform.EncodingCache;
import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The timeline head on the tiny shapes model, over a video made here by joining three 3-second clips of different
 * shapes, colours and backgrounds: cuts within half a second of each join, each segment captioned as its clip alone
 * is, repeats merged, and the subtitles well-formed.
 */
class TimelineTaskTests extends EmbeddedPipelineTest {
    private static final double FPS = 10;
    private static final int CLIP_FRAMES = 30;
    private static final List<Scene> SCENES = List.of(
            new Scene(Shape.CIRCLE, ShapeColor.RED, Background.BLACK, Direction.RIGHT),
            new Scene(Shape.SQUARE, ShapeColor.BLUE, Background.WHITE, Direction.LEFT),
            new Scene(Shape.TRIANGLE, ShapeColor.YELLOW, Background.GRAY, Direction.DOWN));
    private static final MediaLimits LIMITS = MediaLimits.defaults();

    private static Path joined;
    private static final List<String> clipCaptions = new ArrayList<>();
    private final TimelineTask task = new TimelineTask();

    @BeforeAll
    static void videos() {
        List<BufferedImage> all = new ArrayList<>();
        MediaDecoder decoder = new MediaDecoder(LIMITS);
        for (int i = 0; i < SCENES.size(); i++) {
            List<BufferedImage> clip = ShapeVideos.render(SCENES.get(i), CLIP_FRAMES);
            all.addAll(clip);
            Path file = ShapeVideos.write(clip, FPS, ShapeVideos.VideoFormat.MP4_H264, tmp.resolve("clip" + i + ".mp4"));
            DecodedMedia media = decoder.decode(file, 6);
            TaskInput input = TaskInput.video(media.frames(), media.timestampsSeconds());
            try (EncodingCache cache = new EncodingCache()) {
                TaskRequest request = TaskRequest.of(input, TaskOptions.NONE);
                clipCaptions.add(context(cache, request).caption(input, GenerationSettings.DEFAULTS).text());
            }
        }
        joined = ShapeVideos.write(all, FPS, ShapeVideos.VideoFormat.MP4_H264, tmp.resolve("joined.mp4"));
    }

    private TaskResult timeline(Map<String, String> options, List<String> parts) {
        TaskInput input = TaskInput.video(List.of(new io.gitplatform.spi.RgbImage(1, 1, new byte[3])), null)
                .withSource(MediaVideoSource.of(joined, LIMITS));
        TaskOptions.Builder b = TaskOptions.builder();
        options.forEach(b::extra);
        TaskRequest request = TaskRequest.of(input, b.build())
                .withProgress(new io.gitplatform.spi.ProgressListener() {
                    @Override
                    public void onProgress(String stage, double fraction) {
                    }

                    @Override
                    public void onPart(String kind, String json) {
                        parts.add(kind + " " + json);
                    }
                });
        return run(task, request);
    }

    @Test
    void scenesAreFoundAtEachJoinAndCaptionedAsTheClipAlone() {
        List<String> parts = new ArrayList<>();
        TaskResult result = timeline(Map.of("mode", "scenes"), parts);
        List<double[]> cues = vttCues(timelineVtt(Map.of("mode", "scenes")));
        assertThat(result.answers()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(result.answers().get(i).text()).as("segment %d", i).isEqualTo(clipCaptions.get(i));
            assertThat(cues.get(i)[0]).as("start of segment %d", i).isCloseTo(3.0 * i, within(0.5));
            assertThat(cues.get(i)[1]).as("end of segment %d", i).isCloseTo(3.0 * (i + 1), within(0.5));
        }
        assertThat(parts).hasSize(3).allMatch(p -> p.startsWith("segment {\"start_s\":"));
        assertThat(result.text()).startsWith("[{\"start_s\":0.000,").contains("\"frames\":[{\"index\":");
        assertThat(result.timings().batchSize()).as("segments shared a pass").isGreaterThan(1);
    }

    @Test
    void fixedWindowsOfTheSameSceneAreMerged() {
        TaskResult merged = timeline(Map.of("mode", "fixed", "window", "1.5"), new ArrayList<>());
        TaskResult apart = timeline(Map.of("mode", "fixed", "window", "1.5", "merge", "false"), new ArrayList<>());
        assertThat(apart.answers()).hasSize(6);
        assertThat(merged.answers()).extracting(a -> a.text()).containsExactlyElementsOf(clipCaptions);
        List<double[]> cues = vttCues(timelineVtt(Map.of("mode", "fixed", "window", "1.5")));
        assertThat(cues).hasSize(3);
        assertThat(cues.get(1)[0]).isEqualTo(3.0);
        assertThat(cues.get(2)[0]).isEqualTo(6.0);
    }

    @Test
    void srtCuesAreNumberedInOrderWithCommaTimes() {
        String srt = timeline(Map.of("mode", "scenes", "format", "srt"), new ArrayList<>()).text();
        String[] blocks = srt.strip().split("\n\n");
        assertThat(blocks).hasSize(3);
        double previous = -1;
        for (int i = 0; i < blocks.length; i++) {
            String[] lines = blocks[i].split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[0]).isEqualTo(Integer.toString(i + 1));
            Matcher m = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3})")
                    .matcher(lines[1]);
            assertThat(m.matches()).as(lines[1]).isTrue();
            double start = seconds(m, 1);
            assertThat(start).isGreaterThan(previous).isLessThan(seconds(m, 5));
            previous = start;
            assertThat(lines[2]).isEqualTo(clipCaptions.get(i));
        }
    }

    /** A real subtitle parser reads both outputs; at the middle of each clip the cue shown is that clip's caption. */
    @Test
    void vttAndSrtParseWithASubtitleLibraryAndShowTheRightCueAtTheRightTime() throws Exception {
        fr.noop.subtitle.model.SubtitleObject vtt = new fr.noop.subtitle.vtt.VttParser("utf-8").parse(
                new java.io.ByteArrayInputStream(timelineVtt(Map.of("mode", "scenes")).getBytes(UTF_8)));
        fr.noop.subtitle.model.SubtitleObject srt = new fr.noop.subtitle.srt.SrtParser("utf-8").parse(
                new java.io.ByteArrayInputStream(timeline(Map.of("mode", "scenes", "format", "srt"),
                        new ArrayList<>()).text().getBytes(UTF_8)));
        for (fr.noop.subtitle.model.SubtitleObject parsed : List.of(vtt, srt)) {
            assertThat(parsed.getCues()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                long middle = (long) ((3.0 * i + 1.5) * 1000);
                List<String> shown = parsed.getCues().stream().filter(c -> c.getStartTime().getTime() <= middle
                        && middle < c.getEndTime().getTime()).map(c -> c.getText().strip()).toList();
                assertThat(shown).as("cues shown at %d ms", middle).containsExactly(clipCaptions.get(i));
            }
        }
    }

    @Test
    void aTimelinePastMaxSegmentsFailsNamingTheLimitAfterReportingTheSegmentsSoFar() {
        List<String> parts = new ArrayList<>();
        assertThatThrownBy(() -> timeline(Map.of("mode", "fixed", "window", "1.5", "merge", "false",
                "max-segments", "4"), parts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit of 4 segments (max-segments)");
        assertThat(parts).hasSize(4);
    }

    @Test
    void cueTextsAreEscapedAndOneLine() {
        Segment odd = new Segment(0, 1.2345, "a <b> & c --> d\n\ne", List.of());
        assertThat(TimelineFormats.vtt(List.of(odd)))
                .isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.235\na &lt;b&gt; &amp; c -&gt; d e\n\n");
        assertThat(TimelineFormats.srt(List.of(odd))).isEqualTo("1\n00:00:00,000 --> 00:00:01,235\na <b> & c -> d e\n\n");
        assertThat(TimelineFormats.time(3725.5, '.')).isEqualTo("01:02:05.500");
        assertThat(TimelineFormats.json(List.of(odd))).contains("\"caption\":\"a <b> & c --> d\\n\\ne\"");
    }

    @Test
    void anInputWithoutItsSourceIsRefused() {
        TaskInput frames = TaskInput.video(List.of(new io.gitplatform.spi.RgbImage(1, 1, new byte[3])), null);
        assertThatThrownBy(() -> run(task, TaskRequest.of(frames, TaskOptions.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads the whole video");
        assertThatThrownBy(() -> TimelineSettings.of(Map.of("min-segment", "10", "max-segment", "5")))
                .hasMessageContaining("'min-segment'");
    }

    private String timelineVtt(Map<String, String> options) {
        Map<String, String> withFormat = new java.util.HashMap<>(options);
        withFormat.put("format", "vtt");
        String vtt = timeline(withFormat, new ArrayList<>()).text();
        assertThat(vtt).startsWith("WEBVTT\n\n");
        return vtt;
    }

    /** Each cue's start and end, checked against the WebVTT cue timing grammar and in order. */
    private static List<double[]> vttCues(String vtt) {
        List<double[]> cues = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})$")
                .matcher(vtt);
        while (m.find()) {
            cues.add(new double[] {seconds(m, 1), seconds(m, 5)});
        }
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i)[0]).isGreaterThanOrEqualTo(cues.get(i - 1)[1] - 1e-9);
        }
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
