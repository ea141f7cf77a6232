package io.gitplatform.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code generation_config.json}: the checkpoint's defaults for generation. Names and defaults are transformers'
 * {@code GenerationConfig}; a request may override each of them. {@code early_stopping} stays in transformers' spelling
 * ({@code true}, {@code false} or {@code "never"}).
 */
public record GenerationConfig(
        Integer bos_token_id,
        List<Integer> eos_token_id,
        Integer pad_token_id,
        int max_new_tokens,
        int num_beams,
        boolean do_sample,
        double temperature,
        int top_k,
        double top_p,
        double length_penalty,
        String early_stopping) {

    /** transformers' default budget: max_length 20 counts the prompt; GIT's captions start from one token. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 20;

    public static GenerationConfig read(Path file, GitConfig model) {
        if (!Files.exists(file)) {
            return defaults(model);
        }
        JsonFields f = JsonFields.read(file);
        return new GenerationConfig(
                f.has("bos_token_id") ? f.intOr("bos_token_id", 0) : model.bos_token_id(),
                f.intsOr("eos_token_id", model.eos_token_id()),
                f.has("pad_token_id") ? f.intOr("pad_token_id", 0) : model.pad_token_id(),
                f.positiveIntOr("max_new_tokens", DEFAULT_MAX_NEW_TOKENS),
                f.positiveIntOr("num_beams", 1),
                f.boolOr("do_sample", false),
                f.doubleOr("temperature", 1.0),
                f.intOr("top_k", 50),
                f.doubleOr("top_p", 1.0),
                f.doubleOr("length_penalty", 1.0),
                earlyStopping(f));
    }

    public static GenerationConfig defaults(GitConfig model) {
        return new GenerationConfig(model.bos_token_id(), model.eos_token_id(), model.pad_token_id(),
                DEFAULT_MAX_NEW_TOKENS, 1, false, 1.0, 50, 1.0, 1.0, "false");
    }

    /** transformers' spelling, kept as text: {@code "true"}, {@code "false"} or {@code "never"}. */
    private static String earlyStopping(JsonFields f) {
        if (f.has("early_stopping") && f.isString("early_stopping")) {
            return f.stringOr("early_stopping", "false");
        }
        return String.valueOf(f.boolOr("early_stopping", false));
    }
}
