package io.gitplatform.core.model;

/**
 * A dotted prefix of checkpoint tensor names ({@code git.encoder.layer.3}): every block builds its names from the path
 * it is given, so names are written once, as they appear in transformers' {@code GitForCausalLM}.
 */
public record WeightPath(String prefix) {

    public static final WeightPath ROOT = new WeightPath("");

    public WeightPath child(String name) {
        return new WeightPath(prefix.isEmpty() ? name : prefix + "." + name);
    }

    public WeightPath child(String name, int index) {
        return child(name).child(Integer.toString(index));
    }

    /** The full tensor name of a leaf such as {@code weight}. */
    public String name(String leaf) {
        return child(leaf).prefix;
    }

    @Override
    public String toString() {
        return prefix;
    }
}
