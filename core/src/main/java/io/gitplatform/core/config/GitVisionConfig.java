package io.gitplatform.core.config;

/**
 * {@code vision_config} of a GIT {@code config.json}: the CLIP ViT image encoder. Names and defaults are transformers'
 * {@code GitVisionConfig}.
 */
public record GitVisionConfig(
        int hidden_size,
        int intermediate_size,
        int num_hidden_layers,
        int num_attention_heads,
        int num_channels,
        int image_size,
        int patch_size,
        String hidden_act,
        double layer_norm_eps) {

    public static GitVisionConfig from(JsonFields f) {
        GitVisionConfig c = new GitVisionConfig(
                f.positiveIntOr("hidden_size", 768),
                f.positiveIntOr("intermediate_size", 3072),
                f.positiveIntOr("num_hidden_layers", 12),
                f.positiveIntOr("num_attention_heads", 12),
                f.positiveIntOr("num_channels", 3),
                f.positiveIntOr("image_size", 224),
                f.positiveIntOr("patch_size", 16),
                f.stringOr("hidden_act", "quick_gelu"),
                f.doubleOr("layer_norm_eps", 1e-5));
        if (c.hidden_size % c.num_attention_heads != 0) {
            throw new ConfigException(f.file(), "vision_config.hidden_size " + c.hidden_size
                    + " is not a multiple of num_attention_heads " + c.num_attention_heads);
        }
        if (c.image_size % c.patch_size != 0) {
            throw new ConfigException(f.file(), "vision_config.image_size " + c.image_size
                    + " is not a multiple of patch_size " + c.patch_size);
        }
        if ((long) c.gridSize() * c.gridSize() >= Integer.MAX_VALUE) {
            throw new ConfigException(f.file(), "vision_config.image_size " + c.image_size + " with patch_size "
                    + c.patch_size + " gives more patches per frame than an int holds");
        }
        if (!c.hidden_act.equals("quick_gelu") && !c.hidden_act.equals("gelu")) {
            throw new ConfigException(f.file(), "vision_config.hidden_act '" + c.hidden_act
                    + "' is not supported (quick_gelu or gelu)");
        }
        return c;
    }

    public int headDim() {
        return hidden_size / num_attention_heads;
    }

    /** Patches per side. */
    public int gridSize() {
        return image_size / patch_size;
    }

    /** Tokens per frame: one class token plus the patches. */
    public int tokensPerFrame() {
        return 1 + gridSize() * gridSize();
    }
}
