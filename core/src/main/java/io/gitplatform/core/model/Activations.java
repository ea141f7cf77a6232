package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The two activations GIT uses, by their config names, for the layers that run through DJL (a float16 model's; the
 * others run inside {@link TorchOps}' layer calls).
 */
final class Activations {
    private Activations() {
    }

    /** The activation of x; may overwrite x (callers pass a layer's fresh output). */
    static NDArray apply(String name, NDArray x) {
        return switch (name) {
            // CLIP's approximation: x * sigmoid(1.702 x), with one temporary at a time.
            case "quick_gelu" -> {
                NDArray scaled = x.mul(1.702f);
                NDArray gate = Activation.sigmoid(scaled);
                scaled.close();
                x.muli(gate);
                gate.close();
                yield x;
            }
            // BERT's exact erf GELU (torch.nn.functional.gelu default).
            case "gelu" -> Activation.gelu(x);
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }
}
