package io.gitplatform.app.cli;

import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code git-platform classify}: ranks candidate labels for images, or for PNG frames taken as one video. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Ranks the labels by their likelihood under the model (task 'classify') and prints them with"
                + " probabilities. Each file is classified on its own; with --frames the images are one video.")
final class ClassifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file>", description = "videos or images")
    List<Path> files;

    @Option(names = "--frames", description = "the files are the frames of one video, in order")
    boolean frames;

    @Option(names = "--labels", split = ",", required = true, paramLabel = "<a,b,c>",
            description = "candidate labels, comma-separated")
    List<String> labels;

    @Option(names = "--prompt", paramLabel = "<text>",
            description = "score the labels as answers to this question (default: in the slots of the caption)")
    String prompt;

    @Option(names = "--top-k", paramLabel = "<n>", defaultValue = "0", description = "labels to print (0: all)")
    int topK;

    @Mixin
    PlatformOptions platform;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TaskOptions options = TaskOptions.builder().labels(labels).prompt(prompt).topK(topK).build();
        PrintWriter out = spec.commandLine().getOut();
        try (GitPlatform git = platform.open()) {
            Map<String, TaskInput> inputs = new LinkedHashMap<>();
            if (frames) {
                inputs.put(files.size() + " frames from " + files.get(0), MediaInputs.framesAsVideo(files,
                        git.pipeline().videoFrames()));
            } else {
                files.forEach(f -> inputs.put(f.toString(),
                        MediaInputs.decode(f, git.pipeline().videoFrames()).input()));
            }
            for (Map.Entry<String, TaskInput> input : inputs.entrySet()) {
                TaskResult result = git.run("classify", TaskRequest.of(input.getValue(), options));
                out.println(input.getKey());
                for (RankedLabel label : result.labels()) {
                    out.printf("  %-20s %.4f  (log-likelihood %.3f)%n", label.label(), label.probability(),
                            label.logLikelihood());
                }
                out.flush();
            }
        }
        return 0;
    }
}
