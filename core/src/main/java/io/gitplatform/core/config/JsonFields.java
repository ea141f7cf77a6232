package io.gitplatform.core.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a Hugging Face JSON file's fields, each with the default transformers uses, and errors that name the
 * file and the field.
 */
public final class JsonFields {

    /** Config files are small; anything bigger is not a config. */
    static final long MAX_CONFIG_BYTES = 16L << 20;

    private final Path file;
    private final JsonObject json;

    public JsonFields(Path file, JsonObject json) {
        this.file = file;
        this.json = json;
    }

    public static JsonFields read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new ConfigException(file, "is " + size + " bytes; a config file is at most " + MAX_CONFIG_BYTES);
            }
            JsonElement root = JsonParser.parseString(Files.readString(file));
            if (!root.isJsonObject()) {
                throw new ConfigException(file, "expected a JSON object at the top level");
            }
            return new JsonFields(file, root.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new ConfigException(file, "malformed JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    public boolean has(String name) {
        return json.has(name) && !json.get(name).isJsonNull();
    }

    public boolean isString(String name) {
        return has(name) && json.get(name).isJsonPrimitive() && json.get(name).getAsJsonPrimitive().isString();
    }

    public JsonFields object(String name) {
        if (!has(name)) {
            return new JsonFields(file, new JsonObject());
        }
        JsonElement e = json.get(name);
        if (!e.isJsonObject()) {
            throw wrongType(name, "an object", e);
        }
        return new JsonFields(file, e.getAsJsonObject());
    }

    public int intOr(String name, int fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = json.get(name);
        try {
            double d = e.getAsDouble();
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw wrongType(name, "an integer", e);
            }
            return (int) d;
        } catch (UnsupportedOperationException | NumberFormatException | IllegalStateException ex) {
            throw wrongType(name, "an integer", e);
        }
    }

    /** A positive integer (sizes, counts): zero or negative is rejected here rather than deep in a tensor op. */
    public int positiveIntOr(String name, int fallback) {
        int v = intOr(name, fallback);
        if (v <= 0) {
            throw new ConfigException(file, "field '" + name + "' must be positive, got " + v);
        }
        return v;
    }

    public Integer intOrNull(String name) {
        return has(name) ? intOr(name, 0) : null;
    }

    public double doubleOr(String name, double fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = json.get(name);
        try {
            return e.getAsDouble();
        } catch (UnsupportedOperationException | NumberFormatException | IllegalStateException ex) {
            throw wrongType(name, "a number", e);
        }
    }

    public boolean boolOr(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = json.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw wrongType(name, "true or false", e);
        }
        return e.getAsBoolean();
    }

    public String stringOr(String name, String fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = json.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrongType(name, "a string", e);
        }
        return e.getAsString();
    }

    public double[] doublesOr(String name, double[] fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = json.get(name);
        if (e.isJsonPrimitive()) {
            double v = doubleOr(name, 0);
            return new double[] {v, v, v};
        }
        if (!e.isJsonArray()) {
            throw wrongType(name, "a list of numbers", e);
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = a.get(i).getAsDouble();
            } catch (RuntimeException ex) {
                throw wrongType(name, "a list of numbers", e);
            }
        }
        return out;
    }

    /** An id field that transformers allows to be one int or a list of ints ({@code eos_token_id}). */
    public List<Integer> intsOr(String name, List<Integer> fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = json.get(name);
        if (e.isJsonArray()) {
            List<Integer> out = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                try {
                    out.add(x.getAsInt());
                } catch (RuntimeException ex) {
                    throw wrongType(name, "an integer or a list of integers", e);
                }
            }
            return List.copyOf(out);
        }
        return List.of(intOr(name, 0));
    }

    private ConfigException wrongType(String name, String expected, JsonElement got) {
        String shown = got.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new ConfigException(file, "field '" + name + "' must be " + expected + ", got " + shown);
    }
}
