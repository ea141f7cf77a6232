package io.gitplatform.spi;


/**
 * A generated text: a caption or an answer.
 *
 * @param text         the decoded text (special tokens skipped, WordPiece merged), without the prompt
 * @param tokenIds     the generated ids
 * @param promptTokens how many tokens the prompt had ({@code [CLS]} plus the question)
 * @param score        the sum of the generated tokens' log-probabilities (beam search: the beam score)
 */
public record TextResult(String text, long[] tokenIds, int promptTokens, FinishReason finish, double score) {
    public int completionTokens() {
        return tokenIds.length;
    }
}
