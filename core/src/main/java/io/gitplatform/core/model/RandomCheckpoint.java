package io.gitplatform.core.model;

import io.gitplatform.core.config.GitConfig;
import io.gitplatform.core.config.GitVisionConfig;
import io.gitplatform.core.safetensors.Dtype;
import io.gitplatform.core.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A {@code model.safetensors} with every tensor transformers' {@code GitForCausalLM} has for a config, filled with
 * seeded random values: matrices uniform with transformers' init std (0.02), LayerNorms at weight 1 / bias 0, other
 * biases 0. The speed of a forward pass does not depend on the values, so a benchmark needs no download.
 */
public final class RandomCheckpoint {
    private static final float STD = 0.02f;

    private final SafetensorsWriter writer = new SafetensorsWriter();
    private final SplittableRandom random;
    private final Dtype dtype;

    private RandomCheckpoint(long seed, Dtype dtype) {
        this.random = new SplittableRandom(seed);
        this.dtype = dtype;
    }

    /** Writes {@code file} for {@code config}; {@code dtype} is F32, F16 or BF16. */
    public static void write(GitConfig config, Path file, long seed, Dtype dtype) throws IOException {
        RandomCheckpoint c = new RandomCheckpoint(seed, dtype);
        WeightPath git = WeightPath.ROOT.child("git");
        c.vision(git.child("image_encoder").child("vision_model"), config.vision_config());
        int vh = config.vision_config().hidden_size();
        int h = config.hidden_size();
        WeightPath projection = git.child("visual_projection").child("visual_projection");
        c.linear(projection.child("0"), vh, h);
        c.layerNorm(projection.child("1"), h);
        for (int f = 0; f < (config.num_image_with_embedding() == null ? 0 : config.num_image_with_embedding()); f++) {
            c.random(git.child("img_temperal_embedding", f).prefix(), 1, 1, vh);
        }
        WeightPath embeddings = git.child("embeddings");
        c.random(embeddings.child("word_embeddings").name("weight"), config.vocab_size(), h);
        c.random(embeddings.child("position_embeddings").name("weight"), config.max_position_embeddings(), h);
        c.layerNorm(embeddings.child("LayerNorm"), h);
        for (int l = 0; l < config.num_hidden_layers(); l++) {
            WeightPath layer = git.child("encoder").child("layer", l);
            WeightPath attention = layer.child("attention");
            for (String name : new String[] {"query", "key", "value"}) {
                c.linear(attention.child("self").child(name), h, h);
            }
            c.linear(attention.child("output").child("dense"), h, h);
            c.layerNorm(attention.child("output").child("LayerNorm"), h);
            c.linear(layer.child("intermediate").child("dense"), h, config.intermediate_size());
            c.linear(layer.child("output").child("dense"), config.intermediate_size(), h);
            c.layerNorm(layer.child("output").child("LayerNorm"), h);
        }
        c.linear(WeightPath.ROOT.child("output"), h, config.vocab_size());
        c.writer.write(file);
    }

    private void vision(WeightPath path, GitVisionConfig vc) {
        int h = vc.hidden_size();
        WeightPath embeddings = path.child("embeddings");
        random(embeddings.name("class_embedding"), h);
        random(embeddings.child("patch_embedding").name("weight"), h, vc.num_channels(), vc.patch_size(),
                vc.patch_size());
        random(embeddings.child("position_embedding").name("weight"), vc.tokensPerFrame(), h);
        layerNorm(path.child("pre_layrnorm"), h);
        for (int l = 0; l < vc.num_hidden_layers(); l++) {
            WeightPath layer = path.child("encoder").child("layers", l);
            for (String name : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                linear(layer.child("self_attn").child(name), h, h);
            }
            layerNorm(layer.child("layer_norm1"), h);
            linear(layer.child("mlp").child("fc1"), h, vc.intermediate_size());
            linear(layer.child("mlp").child("fc2"), vc.intermediate_size(), h);
            layerNorm(layer.child("layer_norm2"), h);
        }
        layerNorm(path.child("post_layernorm"), h);
    }

    private void linear(WeightPath path, int in, int out) {
        random(path.name("weight"), out, in);
        filled(path.name("bias"), 0f, out);
    }

    private void layerNorm(WeightPath path, int hidden) {
        filled(path.name("weight"), 1f, hidden);
        filled(path.name("bias"), 0f, hidden);
    }

    /** Drawn when the file is written, from a stream of its own: memory holds one tensor at a time. */
    private void random(String name, long... shape) {
        SplittableRandom own = random.split();
        writer.add(name, dtype, shape, () -> {
            float[] values = new float[numel(shape)];
            // Uniform on [-a, a] has std a / sqrt(3): as spread as transformers' normal init, and cheaper to draw.
            float a = STD * (float) Math.sqrt(3);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (own.nextDouble() * 2 - 1) * a;
            }
            return values;
        });
    }

    private void filled(String name, float value, long... shape) {
        writer.add(name, dtype, shape, () -> {
            float[] values = new float[numel(shape)];
            java.util.Arrays.fill(values, value);
            return values;
        });
    }

    private static int numel(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
