package io.gitplatform.spi;

/**
 * Tokens a request went through, as OpenAI-style usage reports them.
 *
 * @param promptTokens     text tokens fed to the decoder ({@code [CLS]}, questions, prompts, scored labels)
 * @param completionTokens tokens generated
 */
public record TokenUsage(int promptTokens, int completionTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
