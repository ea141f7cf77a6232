package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The two activations GIT uses, by their config names. */
final class Activations {
    private Activations() {
    }

    static NDArray apply(String name, NDArray x) {
        return switch (name) {
            // CLIP's approximation: x * sigmoid(1.702 x).
            case "quick_gelu" -> x.mul(Activation.sigmoid(x.mul(1.702f)));
            // BERT's exact erf GELU (torch.nn.functional.gelu default).
            case "gelu" -> Activation.gelu(x);
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }
}
