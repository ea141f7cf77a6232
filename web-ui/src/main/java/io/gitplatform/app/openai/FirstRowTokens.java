package io.gitplatform.app.openai;

import io.gitplatform.spi.TokenListener;
import io.gitplatform.spi.TokenScore;

/** The tokens of a chat completion's one prompt (row 0), with their scores when the loop has them (else null). */
@FunctionalInterface
interface FirstRowTokens extends TokenListener {

    void accept(long token, TokenScore score);

    @Override
    default void onToken(int row, long token) {
        onScoredToken(row, token, null);
    }

    @Override
    default boolean wantsScores() {
        return true;
    }

    @Override
    default void onScoredToken(int row, long token, TokenScore score) {
        if (row == 0) {
            accept(token, score);
        }
    }
}
