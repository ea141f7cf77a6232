package io.gitplatform.starter.task;

import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.pipeline.TextResult;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;

/**
 * Answers questions about images and videos (visual question answering). Several questions about one input share one
 * vision pass and one batch. Inject it; define a bean of this type to replace it.
 */
public class GitAskService {

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

    /** @param name a file name whose extension hints at the format, or null */
    public GitAnswer ask(byte[] bytes, String name, String question) {
        return ask(GitMedia.of(bytes, name), question);
    }

    public GitAnswer ask(GitMedia media, String question) {
        return ask(media, question, null, null, () -> false);
    }

    /**
     * @param options   how to generate; null for the configured defaults
     * @param onText    receives the answer as it is generated, in pieces that join to the final text; or null
     * @param cancelled polled between tokens: true stops generation with finish reason CANCELLED
     */
    public GitAnswer ask(GitMedia media, String question, GenerationOptions options, Consumer<String> onText,
            BooleanSupplier cancelled) {
        return answer(media, List.of(question), options, onText, cancelled).get(0);
    }

    /** All questions in one batch; answers in question order. */
    public List<GitAnswer> ask(GitMedia media, List<String> questions, GenerationOptions options) {
        return answer(media, questions, options, null, () -> false);
    }

    private List<GitAnswer> answer(GitMedia media, List<String> questions, GenerationOptions options,
            Consumer<String> onText, BooleanSupplier cancelled) {
        check(questions);
        long start = System.nanoTime();
        return runner.run(media, (pipeline, input) -> {
            List<TextResult> results = pipeline.ask(input, questions, runner.options(pipeline, options),
                    GitTaskRunner.textListener(pipeline, onText), cancelled);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            List<GitAnswer> answers = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                TextResult r = results.get(i);
                answers.add(new GitAnswer(questions.get(i), r.text(), r.finish(), r.promptTokens(),
                        r.completionTokens(), input.frames(), input.video(), pipeline.folder().name(), elapsed));
            }
            return answers;
        });
    }

    private void check(List<String> questions) {
        int max = runner.limits().getMaxQuestions();
        if (questions.isEmpty() || questions.size() > max) {
            throw new GitInputException("ask takes 1 to " + max + " questions (git.limits.max-questions), got "
                    + questions.size());
        }
        for (String q : questions) {
            if (q == null || q.isBlank()) {
                throw new GitInputException("a question must not be empty");
            }
            if (q.length() > runner.limits().getMaxQuestionLength()) {
                throw new GitInputException("a question has " + q.length() + " characters; the limit is "
                        + runner.limits().getMaxQuestionLength() + " (git.limits.max-question-length)");
            }
        }
    }
}
