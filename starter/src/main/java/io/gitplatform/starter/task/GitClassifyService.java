package io.gitplatform.starter.task;

import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.media.GitMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;

/**
 * Classification by generation: ranks candidate labels by the likelihood of each as the text after an optional
 * prompt (e.g. "a photo of"). All labels are scored in one batch against one vision pass. Inject it; define a bean of
 * this type to replace it.
 */
public class GitClassifyService {

    private final GitTaskRunner runner;

    public GitClassifyService(GitTaskRunner runner) {
        this.runner = runner;
    }

    public GitClassification classify(Path file, List<String> labels) {
        return classify(GitMedia.of(file), labels, "");
    }

    public GitClassification classify(Resource resource, List<String> labels) {
        return classify(GitMedia.of(resource), labels, "");
    }

    /** @param name a file name whose extension hints at the format, or null */
    public GitClassification classify(byte[] bytes, String name, List<String> labels) {
        return classify(GitMedia.of(bytes, name), labels, "");
    }

    /** @param prompt the text every label continues, "" for none */
    public GitClassification classify(GitMedia media, List<String> labels, String prompt) {
        int max = runner.limits().getMaxLabels();
        if (labels.isEmpty() || labels.size() > max) {
            throw new GitInputException("classify takes 1 to " + max + " labels (git.limits.max-labels), got "
                    + labels.size());
        }
        if (labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            throw new GitInputException("a label must not be empty");
        }
        String head = prompt == null ? "" : prompt.strip();
        if (head.length() > runner.limits().getMaxQuestionLength()) {
            throw new GitInputException("the prompt is longer than git.limits.max-question-length");
        }
        long start = System.nanoTime();
        return runner.run(media, (pipeline, input) -> {
            double[] logLikelihoods = pipeline.scoreContinuations(input, head, labels);
            return new GitClassification(ranked(labels, logLikelihoods), head, pipeline.folder().name(),
                    Duration.ofNanos(System.nanoTime() - start));
        });
    }

    static List<GitClassification.Score> ranked(List<String> labels, double[] logLikelihoods) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logLikelihoods) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (double l : logLikelihoods) {
            sum += Math.exp(l - max); // shifted by the max so that exp never underflows to 0 for every label
        }
        List<GitClassification.Score> scores = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            scores.add(new GitClassification.Score(labels.get(i), logLikelihoods[i],
                    Math.exp(logLikelihoods[i] - max) / sum));
        }
        scores.sort(Comparator.comparingDouble(GitClassification.Score::logLikelihood).reversed());
        return scores;
    }
}
