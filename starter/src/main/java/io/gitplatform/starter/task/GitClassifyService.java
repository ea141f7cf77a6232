package io.gitplatform.starter.task;

import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.Resource;

/**
 * Classification by generation (task {@code classify}): ranks candidate labels by the model's likelihood of each.
 * Without a prompt each label is scored in the slot of the generated caption where it fits best ("blue" in "a blue
 * square ..."); with a prompt ("what shape is it?") each label is scored as its answer. Inject it; define a bean of
 * this type to replace it.
 */
public class GitClassifyService {

    /** The task id this service runs. */
    public static final String TASK = "classify";

    private final GitTaskRunner runner;

    public GitClassifyService(GitTaskRunner runner) {
        this.runner = runner;
    }

    public GitClassification classify(Path file, List<String> labels) {
        return classify(GitMedia.of(file), labels, null, 0);
    }

    public GitClassification classify(Resource resource, List<String> labels) {
        return classify(GitMedia.of(resource), labels, null, 0);
    }

    /** @param name a file name for messages, or null */
    public GitClassification classify(byte[] bytes, String name, List<String> labels) {
        return classify(GitMedia.of(bytes, name), labels, null, 0);
    }

    /**
     * @param prompt a question the labels answer, or null to score them in the caption
     * @param topK   how many ranked labels to return, 0 for all
     */
    public GitClassification classify(GitMedia media, List<String> labels, String prompt, int topK) {
        TaskResult result = runner.run(TASK, media,
                TaskOptions.builder().labels(labels).prompt(prompt).topK(topK).build(), null, new CancellationFlag());
        return new GitClassification(result.labels(), result.usage().promptTokens(),
                result.usage().completionTokens(), runner.runtime().modelName(), result.timings());
    }
}
