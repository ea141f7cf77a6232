package io.gitplatform.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs any task, built-in or a plugin's, with its options given as {@code --option name=value}. */
@Command(name = "run", description = "Runs any task (see 'tasks') on videos or images.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<task>", description = "the task id, as 'tasks' lists it")
    String task;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<file>", description = "videos or images")
    List<Path> files;

    @Option(names = {"-o", "--option"}, paramLabel = "<name=value>",
            description = "a task option, as 'tasks' lists it; repeat a name for a list (questions, labels)")
    List<String> options = new ArrayList<>();

    @Option(names = "--json", description = "one JSON object per file: text, answers, labels, usage, timings")
    boolean json;

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() {
        Map<String, List<String>> fields = fields(options);
        return TaskFiles.run(platform, task, files, git -> git.options(task, fields), (d, result, model) -> json
                ? json(d, model, result).toString()
                : files.size() > 1 ? d.file() + ": " + result.text() : result.text());
    }

    /** {@code name=value} pairs in order, a repeated name making a list. */
    static Map<String, List<String>> fields(List<String> pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--option takes name=value, got '" + pair + "'");
            }
            out.computeIfAbsent(pair.substring(0, eq).strip(), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return out;
    }

    private static JsonObject json(MediaInputs.Decoded d, String model, TaskResult result) {
        JsonObject o = MediaInputs.json(d, model, result);
        o.addProperty("task", result.taskId());
        o.addProperty("text", result.text());
        o.add("answers", MediaInputs.answers(result));
        JsonArray labels = new JsonArray();
        for (RankedLabel l : result.labels()) {
            JsonObject label = new JsonObject();
            label.addProperty("label", l.label());
            label.addProperty("probability", l.probability());
            label.addProperty("log_likelihood", l.logLikelihood());
            labels.add(label);
        }
        o.add("labels", labels);
        return o;
    }
}
