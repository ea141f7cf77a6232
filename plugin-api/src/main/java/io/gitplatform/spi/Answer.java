package io.gitplatform.spi;

import java.util.ArrayList;
import java.util.List;

/** One generated text: an answer to a question, or a caption ({@code question} null). */
public record Answer(String question, String text, int promptTokens, int completionTokens, FinishReason finish) {

    public static Answer of(String question, TextResult result) {
        return new Answer(question, result.text(), result.promptTokens(), result.completionTokens(), result.finish());
    }

    /** The answers to {@code questions}, in order, from what {@link TaskContext#ask} returned for them. */
    public static List<Answer> all(List<String> questions, List<TextResult> results) {
        if (questions.size() != results.size()) {
            throw new IllegalArgumentException(questions.size() + " questions but " + results.size() + " results");
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            answers.add(of(questions.get(i), results.get(i)));
        }
        return answers;
    }
}
