package io.gitplatform.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A GIT {@code config.json} ({@code GitForCausalLM}): the BERT-style text decoder plus {@link GitVisionConfig}. Names and
 * defaults are transformers' {@code GitConfig}.
 *
 * @param num_image_with_embedding frames that carry a temporal embedding (6 for git-base-vatex), or null for an
 *                                 image-only checkpoint
 */
public record GitConfig(
        GitVisionConfig vision_config,
        int vocab_size,
        int hidden_size,
        int num_hidden_layers,
        int num_attention_heads,
        int intermediate_size,
        String hidden_act,
        int max_position_embeddings,
        double layer_norm_eps,
        int pad_token_id,
        int bos_token_id,
        List<Integer> eos_token_id,
        Integer num_image_with_embedding,
        boolean tie_word_embeddings,
        String torch_dtype) {

    public static GitConfig read(Path file) {
        JsonFields f = JsonFields.read(file);
        String modelType = f.stringOr("model_type", "git");
        if (!modelType.equals("git")) {
            throw new ConfigException(file, "model_type is '" + modelType + "', expected 'git'");
        }
        String posType = f.stringOr("position_embedding_type", "absolute");
        if (!posType.equals("absolute")) {
            throw new ConfigException(file, "position_embedding_type '" + posType + "' is not supported (absolute)");
        }
        GitConfig c = new GitConfig(
                GitVisionConfig.from(f.object("vision_config")),
                f.positiveIntOr("vocab_size", 30522),
                f.positiveIntOr("hidden_size", 768),
                f.positiveIntOr("num_hidden_layers", 6),
                f.positiveIntOr("num_attention_heads", 12),
                f.positiveIntOr("intermediate_size", 3072),
                f.stringOr("hidden_act", "gelu"),
                f.positiveIntOr("max_position_embeddings", 1024),
                f.doubleOr("layer_norm_eps", 1e-12),
                f.intOr("pad_token_id", 0),
                f.intOr("bos_token_id", 101),
                f.intsOr("eos_token_id", List.of(102)),
                f.intOrNull("num_image_with_embedding"),
                f.boolOr("tie_word_embeddings", false),
                f.stringOr("torch_dtype", f.stringOr("dtype", "float32")));
        if (c.hidden_size % c.num_attention_heads != 0) {
            throw new ConfigException(file, "hidden_size " + c.hidden_size
                    + " is not a multiple of num_attention_heads " + c.num_attention_heads);
        }
        if (!c.hidden_act.equals("gelu") && !c.hidden_act.equals("quick_gelu")) {
            throw new ConfigException(file, "hidden_act '" + c.hidden_act + "' is not supported (gelu)");
        }
        if (c.num_image_with_embedding != null && c.num_image_with_embedding <= 0) {
            throw new ConfigException(file, "num_image_with_embedding must be positive, got "
                    + c.num_image_with_embedding);
        }
        return c;
    }

    public int headDim() {
        return hidden_size / num_attention_heads;
    }

    /** Frames a video is sampled to: {@code num_image_with_embedding}, or 1 for an image-only checkpoint. */
    public int frames() {
        return num_image_with_embedding == null ? 1 : num_image_with_embedding;
    }
}
