package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Frees a block's intermediates as soon as the block is done. A DJL result belongs to the manager of its first operand,
 * so without this every intermediate of a 12-layer pass lives until the caller's manager closes (about 2 GB for the
 * 6 frames of a video).
 */
final class Scope {
    private Scope() {
    }

    /**
     * Runs {@code block} on {@code x} inside a sub-manager that owns x and everything computed from it; the result (if
     * any) moves to x's manager, the rest, x included, is freed.
     */
    static NDArray consuming(NDArray x, UnaryOperator<NDArray> block) {
        return consuming(x, block, y -> y);
    }

    /** As above for a block whose result holds {@code kept(result)}: that array moves to x's manager. */
    static <R> R consuming(NDArray x, Function<NDArray, R> block, Function<R, NDArray> kept) {
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.attach(scope);
            R result = block.apply(x);
            NDArray y = result == null ? null : kept.apply(result);
            if (y != null) {
                y.attach(owner);
            }
            return result;
        }
    }
}
