package io.gitplatform.starter.task;

import io.gitplatform.spi.Answer;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;

/**
 * Answers questions about images and videos (task {@code vqa}). Several questions about one input share one vision
 * pass and one batch. Inject it; define a bean of this type to replace it.
 */
public class GitAskService {

    /** The task id this service runs. */
    public static final String TASK = "vqa";

    private final GitTaskRunner runner;

    public GitAskService(GitTaskRunner runner) {
        this.runner = runner;
    }

    public GitAnswer ask(Path file, String question) {
        return ask(GitMedia.of(file), question);
    }

    public GitAnswer ask(Resource resource, String question) {
        return ask(GitMedia.of(resource), question);
    }

    /** @param name a file name for messages, or null */
    public GitAnswer ask(byte[] bytes, String name, String question) {
        return ask(GitMedia.of(bytes, name), question);
    }

    public GitAnswer ask(GitMedia media, String question) {
        return ask(media, question, null, null, new CancellationFlag());
    }

    /**
     * @param generation   overrides of the configured generation settings; null for none
     * @param onText       receives the answer as it is generated, in pieces that join to the final text; or null
     * @param cancellation set it to stop generation at the next token (finish reason CANCELLED)
     */
    public GitAnswer ask(GitMedia media, String question, GenerationSettings generation, Consumer<String> onText,
            CancellationFlag cancellation) {
        return answer(media, List.of(question), generation, onText, cancellation).get(0);
    }

    /** All questions in one batch; answers in question order. */
    public List<GitAnswer> ask(GitMedia media, List<String> questions, GenerationSettings generation) {
        return answer(media, questions, generation, null, new CancellationFlag());
    }

    private List<GitAnswer> answer(GitMedia media, List<String> questions, GenerationSettings generation,
            Consumer<String> onText, CancellationFlag cancellation) {
        TaskResult result = runner.run(TASK, media,
                TaskOptions.builder().questions(questions).generation(generation).build(), onText, cancellation);
        String model = runner.runtime().modelName();
        return result.answers().stream().map((Answer a) -> new GitAnswer(a.question(), a.text(), a.finish(),
                a.promptTokens(), a.completionTokens(), model, result.timings())).toList();
    }
}
