package io.gitplatform.app.cli;

import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.StreamVideoSource;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import java.time.Duration;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code timeline} task on one video: the timeline on stdout, each segment on stderr as it is captioned. */
@Command(name = "timeline", description = "Cuts a video into scenes (or fixed windows) and captions each: JSON,"
        + " WebVTT or SRT on stdout, segments on stderr as they are captioned.")
final class TimelineCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file|url>",
            description = "a video file, or a live stream: http(s):// HLS or DASH, rtsp://, rtmp://")
    String source;

    @Option(names = "--stall-seconds", defaultValue = "20",
            description = "a stream that delivers nothing for this long ends with an error (default: ${DEFAULT-VALUE})")
    long stallSeconds;

    @Option(names = "--format", defaultValue = "json", description = "json, vtt or srt (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--mode", defaultValue = "scenes", description = "scenes or fixed (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = {"-o", "--option"}, paramLabel = "<name=value>",
            description = "another timeline option (window, min-segment, max-segment, threshold, merge, generation.*)")
    List<String> options = new ArrayList<>();

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() {
        Map<String, List<String>> fields = RunCommand.fields(options);
        fields.put("format", List.of(format));
        fields.put("mode", List.of(mode));
        try (GitPlatform git = platform.open()) {
            TaskOptions checked = git.options("timeline", fields);
            platform.progress("timeline of " + source + " ...");
            TaskInput input = isUrl(source)
                    ? TaskInput.video(List.of(new RgbImage(1, 1, new byte[3])), null).withSource(new StreamVideoSource(
                            source, MediaLimits.defaults(), Duration.ofSeconds(stallSeconds)))
                    : MediaInputs.decode(Path.of(source), git.pipeline().videoFrames()).input();
            TaskResult result = git.run("timeline", TaskRequest.of(input, checked).withProgress(
                    new ProgressListener() {
                        @Override
                        public void onProgress(String stage, double fraction) {
                        }

                        @Override
                        public void onPart(String kind, String json) {
                            platform.progress(kind + " " + json);
                        }
                    }));
            // A live stream's input is a placeholder frame: the head reads only the source.
            System.out.print(format.equals("json") ? result.text() + "\n" : result.text());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("error: " + source + ": " + e.getMessage());
            return 1;
        }
    }

    static boolean isUrl(String s) {
        return s.matches("(?i)[a-z][a-z0-9+.-]*://.*");
    }
}
