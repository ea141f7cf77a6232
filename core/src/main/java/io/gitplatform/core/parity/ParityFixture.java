package io.gitplatform.core.parity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.io.Npy;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.OptionLimits;
import io.gitplatform.spi.TaskOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a parity fixture says, read from its {@code cases.json} and the NumPy arrays beside it (the format of
 * {@code ../shared/fixtures/README.md}): the cases, their inputs and generation arguments, and the reference arrays.
 * Checks live in {@link ParityRunner}.
 */
final class ParityFixture {
    static final String STEP_SCORES = "greedy_step_scores.npy";
    private static final Pattern SLICE = Pattern.compile("([\\w.-]+\\.npy)(?:\\[(\\d+):(\\d+)\\])?");

    private final Path folder;
    private final Map<String, JsonObject> cases = new LinkedHashMap<>();

    private ParityFixture(Path folder, JsonObject root) {
        this.folder = folder;
        for (Map.Entry<String, JsonElement> c : root.getAsJsonObject("cases").entrySet()) {
            cases.put(c.getKey(), c.getValue().getAsJsonObject());
        }
    }

    /** Reads {@code casesFile}; the arrays it names are resolved in its folder. */
    static ParityFixture read(Path casesFile) throws IOException {
        if (!Files.isRegularFile(casesFile)) {
            throw new IOException(casesFile + ": not found (a parity folder holds a model and its cases.json)");
        }
        JsonObject root = JsonParser.parseString(Files.readString(casesFile)).getAsJsonObject();
        if (!root.has("cases")) {
            throw new IOException(casesFile + ": has no \"cases\" object");
        }
        return new ParityFixture(casesFile.toAbsolutePath().getParent(), root);
    }

    Map<String, JsonObject> cases() {
        return cases;
    }

    boolean has(String file) {
        return Files.exists(folder.resolve(file));
    }

    static boolean isTeacherForced(JsonObject c) {
        return c.has("logits_image") || c.has("logits_video");
    }

    /** The ids each row must end with: the per-row unpadded ones for a left-padded batch, else {@code output_ids}. */
    static List<long[]> expectedRows(JsonObject c) {
        JsonArray rows = c.has("expected_ids_per_row_unpadded") ? c.getAsJsonArray("expected_ids_per_row_unpadded")
                : c.getAsJsonArray("output_ids");
        List<long[]> out = new ArrayList<>();
        rows.forEach(r -> out.add(longs(r.getAsJsonArray())));
        return out;
    }

    /** Prompts without their left padding (attention_mask 0). */
    static List<long[]> prompts(JsonObject c) {
        JsonArray ids = c.getAsJsonArray("input_ids");
        JsonArray mask = c.has("attention_mask") ? c.getAsJsonArray("attention_mask") : null;
        List<long[]> prompts = new ArrayList<>();
        for (int r = 0; r < ids.size(); r++) {
            long[] row = longs(ids.get(r).getAsJsonArray());
            if (mask != null) {
                long[] m = longs(mask.get(r).getAsJsonArray());
                int start = 0;
                while (start < m.length && m[start] == 0) {
                    start++;
                }
                row = Arrays.copyOfRange(row, start, row.length);
            }
            prompts.add(row);
        }
        return prompts;
    }

    /**
     * transformers' {@code generate} keyword arguments as our options, read as a request's {@code generation.*}
     * fields through the SPI's option descriptors (so {@code early_stopping: "never"} takes the path a request's
     * does), over greedy decoding; {@code eos_token_id} is the case's own ({@link #endTokens}).
     */
    static GenerationOptions options(JsonObject c) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> kwarg : c.getAsJsonObject("kwargs").entrySet()) {
            if (!kwarg.getKey().equals("eos_token_id")) {
                fields.put("generation." + kwarg.getKey(), List.of(kwarg.getValue().getAsString()));
            }
        }
        GenerationSettings settings = TaskOptions.parse("parity", GenerationSettings.OPTIONS, fields,
                OptionLimits.DEFAULT).generation();
        return GenerationOptions.greedy(GenerationConfig.DEFAULT_MAX_NEW_TOKENS).with(settings);
    }

    /** The case's own end tokens ({@code kwargs.eos_token_id}), when it overrides the model's. */
    static Optional<List<Integer>> endTokens(JsonObject c) {
        JsonObject kwargs = c.getAsJsonObject("kwargs");
        if (!kwargs.has("eos_token_id")) {
            return Optional.empty();
        }
        JsonElement e = kwargs.get("eos_token_id");
        List<Integer> ids = new ArrayList<>();
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(id -> ids.add(id.getAsInt()));
        } else {
            ids.add(e.getAsInt());
        }
        return Optional.of(ids);
    }

    /** The first token ids of a teacher-forced case. */
    static long[] teacherForcedIds(JsonObject c) {
        return longs(c.getAsJsonArray("input_ids").get(0).getAsJsonArray());
    }

    /**
     * A teacher-forced case's reference logits, {@code key} being {@code logits_image} or {@code logits_video}: the
     * file and the pixel values it was made from, as its description says ({@code "file.npy (pixel_values_x[0:1], ...)"}).
     */
    TeacherForced teacherForced(JsonObject c, String key) {
        String spec = c.get(key).getAsString();
        String file = spec.split("\\s")[0];
        Matcher m = Pattern.compile("\\((pixel_values_\\w+)(\\[\\d+:\\d+\\])?").matcher(spec);
        String pixels = m.find() ? m.group(1) + ".npy" + (m.group(2) == null ? "" : m.group(2))
                : key.equals("logits_image") ? "pixel_values_image.npy[0:1]" : "pixel_values_video.npy";
        return new TeacherForced(file, pixels(pixels), read(file));
    }

    record TeacherForced(String file, Pixels pixels, Npy.FloatArray logits) {
    }

    /**
     * Whether {@value #STEP_SCORES} holds the steps of {@code sequence}: each step's best logit is the token the
     * sequence took there. The fixture names no case for its step scores; their content does.
     */
    boolean stepScoresFollow(long[] prompt, long[] sequence) {
        if (!has(STEP_SCORES)) {
            return false;
        }
        Npy.FloatArray ref = read(STEP_SCORES);
        int steps = (int) ref.shape()[0];
        int vocab = (int) ref.shape()[1];
        if (sequence.length < prompt.length + steps) {
            return false;
        }
        for (int s = 0; s < steps; s++) {
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (ref.data()[s * vocab + v] > ref.data()[s * vocab + best]) {
                    best = v;
                }
            }
            if (best != sequence[prompt.length + s]) {
                return false;
            }
        }
        return true;
    }

    /** Pixel values from a spec such as {@code pixel_values_image.npy[0:1]}: 4-D images or 5-D videos. */
    Pixels pixels(String spec) {
        Matcher m = SLICE.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read pixel_values spec '" + spec + "'");
        }
        Npy.FloatArray a = read(m.group(1));
        long[] s = a.shape();
        if (s.length != 4 && s.length != 5) {
            throw new IllegalArgumentException(m.group(1) + ": pixel values must be 4-D or 5-D, got "
                    + Arrays.toString(s));
        }
        int count = (int) s[0];
        int frames = s.length == 5 ? (int) s[1] : 0;
        Pixels all = new Pixels(a.data(), count, frames);
        if (m.group(2) == null) {
            return all;
        }
        return all.slice(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    Npy.FloatArray read(String file) {
        try {
            return Npy.readFloats(folder.resolve(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    /** {@code count} inputs of {@code frames} frames each (0: still images). */
    record Pixels(float[] values, int count, int frames) {
        int perInput() {
            return values.length / count;
        }

        Pixels slice(int from, int to) {
            return new Pixels(Arrays.copyOfRange(values, from * perInput(), to * perInput()), to - from, frames);
        }

        Pixels first() {
            return slice(0, 1);
        }
    }
}
