package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.attach(scope);
            NDArray y = block.apply(x);
            if (y != null) {
                y.attach(owner);
            }
            return y;
        }
    }
}
