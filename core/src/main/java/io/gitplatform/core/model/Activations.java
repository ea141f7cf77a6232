package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The two activations GIT uses, by their config names, and silu, which a bfloat16 model's quick_gelu becomes. */
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
                if (Bf16.holds(x)) { // made in TorchScript's inference mode, which torch forbids writing in place
                    NDArray y = x.mul(gate);
                    gate.close();
                    yield y;
                }
                x.muli(gate);
                gate.close();
                yield x;
            }
            // x * sigmoid(x) in one pass; ClipEncoderLayer turns a bfloat16 quick_gelu into it
            case "silu" -> TorchOps.silu(x);
            // BERT's exact erf GELU (torch.nn.functional.gelu default).
            case "gelu" -> Activation.gelu(x);
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }
}
