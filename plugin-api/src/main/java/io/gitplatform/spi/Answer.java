package io.gitplatform.spi;


/** One generated text: an answer to a question, or a caption ({@code question} null). */
public record Answer(String question, String text, int promptTokens, int completionTokens, FinishReason finish) {

    public static Answer of(String question, TextResult result) {
        return new Answer(question, result.text(), result.promptTokens(), result.completionTokens(), result.finish());
    }
}
