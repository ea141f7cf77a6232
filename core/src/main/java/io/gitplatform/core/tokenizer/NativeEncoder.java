package io.gitplatform.core.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.gitplatform.core.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A {@code tokenizer.json} run by the tokenizers library through DJL: exactly what transformers runs. */
final class NativeEncoder implements TextEncoder {

    /** The file's own model limits are the caller's business: never truncate or pad, add special tokens per call. */
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;

    private NativeEncoder(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static NativeEncoder load(TokenizerJson json) {
        byte[] bytes = json.text().getBytes(StandardCharsets.UTF_8);
        try {
            return new NativeEncoder(HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), OPTIONS));
        } catch (IOException | RuntimeException e) {
            // the native library rejects a file whose JSON is well formed but not a tokenizer it knows
            throw new ConfigException(json.file(), "the tokenizers library cannot load it: " + e.getMessage(), e);
        }
    }

    @Override
    public long[] encode(String text, boolean addSpecialTokens) {
        return tokenizer.encode(text, addSpecialTokens, false).getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
