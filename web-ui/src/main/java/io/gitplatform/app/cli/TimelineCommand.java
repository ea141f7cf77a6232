package io.gitplatform.app.cli;

import io.gitplatform.core.platform.GitPlatform;
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

    @Parameters(index = "0", paramLabel = "<file>", description = "a video file")
    Path file;

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
            platform.progress("timeline of " + file + " ...");
            MediaInputs.Decoded d = MediaInputs.decode(file, git.pipeline().videoFrames());
            TaskResult result = git.run("timeline", TaskRequest.of(d.input(), checked).withProgress(
                    new ProgressListener() {
                        @Override
                        public void onProgress(String stage, double fraction) {
                        }

                        @Override
                        public void onPart(String kind, String json) {
                            platform.progress(kind + " " + json);
                        }
                    }));
            System.out.print(format.equals("json") ? result.text() + "\n" : result.text());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("error: " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
