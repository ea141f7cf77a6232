package io.gitplatform.core.generate;

import java.util.List;

/** The ids that end a sequence ({@code eos_token_id}: one id or several). */
record EndTokens(long[] ids) {

    static EndTokens of(List<Integer> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("at least one end-of-sequence token id is needed");
        }
        return new EndTokens(ids.stream().mapToLong(Integer::longValue).toArray());
    }

    boolean contains(long token) {
        for (long id : ids) {
            if (id == token) {
                return true;
            }
        }
        return false;
    }

    int count() {
        return ids.length;
    }

    /** Forbids every end token in one row of scores (transformers' min_new_tokens processor). */
    void forbid(float[] scores, int offset) {
        for (long id : ids) {
            scores[offset + (int) id] = Float.NEGATIVE_INFINITY;
        }
    }
}
