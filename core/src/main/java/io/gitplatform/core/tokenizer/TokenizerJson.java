package io.gitplatform.core.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.gitplatform.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What Java needs from a Hugging Face {@code tokenizer.json}: the vocabulary with its special tokens and the decoder
 * settings. Encoding itself is left to the native tokenizer, which gets the same text.
 *
 * @param text the file's content, handed to the native tokenizer so the file is read once
 */
record TokenizerJson(Path file, String text, Vocabulary vocabulary, WordPieceDecoder decoder) {

    static TokenizerJson read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e, e);
        }
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new ConfigException(file, "expected a JSON object at the top level");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ConfigException(file, "malformed JSON: " + e.getMessage(), e);
        }
        try {
            return new TokenizerJson(file, text, vocabulary(file, root), decoder(file, root));
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            // gson's getAs* on a missing field or one of the wrong JSON type throws one of several exception types
            throw new ConfigException(file, "unexpected structure: " + e, e);
        }
    }

    private static Vocabulary vocabulary(Path file, JsonObject root) {
        JsonObject model = object(file, root, "model");
        String type = model.has("type") ? model.get("type").getAsString() : "";
        if (!type.equals("WordPiece")) {
            throw new ConfigException(file, "model.type is '" + type + "'; GIT uses a BERT WordPiece tokenizer");
        }
        Map<Integer, String> byId = new HashMap<>();
        for (Map.Entry<String, JsonElement> e : object(file, model, "vocab").entrySet()) {
            byId.put(e.getValue().getAsInt(), e.getKey());
        }
        BitSet special = new BitSet();
        if (root.has("added_tokens") && !root.get("added_tokens").isJsonNull()) {
            for (JsonElement e : root.getAsJsonArray("added_tokens")) {
                JsonObject added = e.getAsJsonObject();
                int id = added.get("id").getAsInt();
                byId.put(id, added.get("content").getAsString());
                if (added.has("special") && added.get("special").getAsBoolean()) {
                    special.set(id);
                }
            }
        }
        if (byId.keySet().stream().anyMatch(id -> id < 0)) {
            throw new ConfigException(file, "model.vocab or added_tokens has a negative id");
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] tokens = new String[size];
        byId.forEach((id, token) -> tokens[id] = token);
        String unk = model.has("unk_token") ? model.get("unk_token").getAsString() : Vocabulary.UNK;
        return new Vocabulary(file, tokens, special, unk);
    }

    private static WordPieceDecoder decoder(Path file, JsonObject root) {
        JsonObject decoder = object(file, root, "decoder");
        String type = decoder.has("type") ? decoder.get("type").getAsString() : "";
        if (!type.equals("WordPiece")) {
            throw new ConfigException(file, "decoder.type is '" + type + "'; GIT decodes with a WordPiece decoder");
        }
        String prefix = decoder.has("prefix") ? decoder.get("prefix").getAsString() : WordPieceDecoder.PREFIX;
        boolean cleanup = !decoder.has("cleanup") || decoder.get("cleanup").getAsBoolean();
        return new WordPieceDecoder(prefix, cleanup);
    }

    private static JsonObject object(Path file, JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        if (e == null || !e.isJsonObject()) {
            throw new ConfigException(file, "field '" + name + "' must be an object, got "
                    + (e == null ? "nothing" : e.isJsonArray() ? "an array" : e.toString()));
        }
        return e.getAsJsonObject();
    }
}
