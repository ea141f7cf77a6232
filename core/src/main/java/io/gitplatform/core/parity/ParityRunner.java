package io.gitplatform.core.parity;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.core.generate.Generation;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.Generator;
import io.gitplatform.core.io.Npy;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.model.ImagePrefix;
import io.gitplatform.core.model.TextCache;
import io.gitplatform.spi.TokenListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a parity fixture folder (a model plus {@code cases.json} and NumPy arrays made by transformers) through the
 * Java engine: token ids must be identical, logits within {@link #LOGITS_TOLERANCE}, vision and projection outputs
 * within {@link #HIDDEN_TOLERANCE}.
 */
public final class ParityRunner {
    public static final double LOGITS_TOLERANCE = 1e-4;
    public static final double HIDDEN_TOLERANCE = 1e-5;
    private static final Pattern SLICE = Pattern.compile("([\\w.-]+\\.npy)(?:\\[(\\d+):(\\d+)\\])?");

    /** One checked case: its name, whether it passed, the largest difference (NaN when none applies), a note. */
    public record CaseResult(String name, boolean passed, double maxDiff, String detail) {
        public String line() {
            String diff = Double.isNaN(maxDiff) ? "-" : String.format("%.2e", maxDiff);
            return String.format("%-34s %s  max |diff| %-9s %s", name, passed ? "PASS" : "FAIL", diff, detail);
        }
    }

    private final Path folder;
    private final GitModel model;
    private final Generator generator;

    private ParityRunner(Path folder, GitModel model) {
        this.folder = folder;
        this.model = model;
        GenerationConfig gen = GenerationConfig.read(folder.resolve("generation_config.json"), model.config());
        this.generator = new Generator(model, gen.eos_token_id(), gen.pad_token_id());
    }

    /** Loads the model in {@code folder}, runs every case, prints a line per case, returns the results. */
    public static List<CaseResult> run(Path folder, PrintStream out) throws IOException {
        Path casesFile = folder.resolve("cases.json");
        if (!Files.isRegularFile(casesFile)) {
            throw new IOException(casesFile + ": not found (a parity folder holds a model and its cases.json)");
        }
        JsonObject root = JsonParser.parseString(Files.readString(casesFile)).getAsJsonObject();
        List<CaseResult> results = new ArrayList<>();
        try (GitModel model = GitModel.load(folder, DataType.FLOAT32, Device.cpu())) {
            ParityRunner runner = new ParityRunner(folder, model);
            for (Map.Entry<String, JsonElement> c : root.getAsJsonObject("cases").entrySet()) {
                CaseResult r;
                try {
                    r = runner.runCase(c.getKey(), c.getValue().getAsJsonObject());
                } catch (RuntimeException e) {
                    r = new CaseResult(c.getKey(), false, Double.NaN, "error: " + e.getMessage());
                }
                results.add(r);
                out.println(r.line());
            }
            for (CaseResult r : runner.hiddenStateChecks()) {
                results.add(r);
                out.println(r.line());
            }
        }
        return results;
    }

    private CaseResult runCase(String name, JsonObject c) throws RuntimeException {
        if (c.has("logits_image") || c.has("logits_video")) {
            return teacherForced(name, c);
        }
        Pixels pixels = pixels(c.get("pixel_values").getAsString());
        List<long[]> prompts = prompts(c);
        JsonArray expected = c.has("expected_ids_per_row_unpadded") ? c.getAsJsonArray("expected_ids_per_row_unpadded")
                : c.getAsJsonArray("output_ids");
        GenerationOptions options = options(c.getAsJsonObject("kwargs"));
        int[] promptImage = new int[prompts.size()];
        for (int i = 0; i < promptImage.length; i++) {
            promptImage[i] = pixels.count == 1 ? 0 : i;
        }
        List<Generation> out;
        try (ImagePrefix prefix = model.encode(pixels.values, pixels.count, pixels.frames)) {
            out = generator.generate(prefix, promptImage, prompts, options, TokenListener.NONE, () -> false);
        }
        StringBuilder detail = new StringBuilder();
        boolean ok = out.size() == expected.size();
        for (int i = 0; i < out.size() && ok; i++) {
            long[] want = longs(expected.get(i).getAsJsonArray());
            long[] got = out.get(i).sequence();
            if (!Arrays.equals(want, got)) {
                ok = false;
                detail.append("row ").append(i).append(": expected ").append(Arrays.toString(want))
                        .append(" got ").append(Arrays.toString(got));
            }
        }
        double diff = Double.NaN;
        if (name.equals("caption_greedy") && Files.exists(folder.resolve("greedy_step_scores.npy"))) {
            diff = stepScoresDiff(pixels, longs(expected.get(0).getAsJsonArray()));
            ok &= diff <= LOGITS_TOLERANCE;
        }
        if (ok) {
            detail.append("token ids identical (").append(out.size()).append(out.size() == 1 ? " row)" : " rows)");
        }
        return new CaseResult(name, ok, diff, detail.toString());
    }

    /** Each greedy step's next-token logits, through the KV cache, against greedy_step_scores.npy [steps, vocab]. */
    private double stepScoresDiff(Pixels pixels, long[] sequence) {
        Npy.FloatArray ref = read("greedy_step_scores.npy");
        int vocab = model.config().vocab_size();
        int steps = (int) ref.shape()[0];
        double max = 0;
        Pixels first = pixels.first();
        try (ImagePrefix prefix = model.encode(first.values, 1, first.frames);
                NDManager m = model.manager().newSubManager()) {
            TextCache cache = model.newCache(m, 1);
            for (int s = 0; s < steps; s++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray logits = model.decode(step, prefix, cache, new long[] {sequence[s]}, new long[] {s},
                            new boolean[][] {{true}}, false);
                    float[] got = logits.toFloatArray();
                    max = Math.max(max, maxDiff(got, 0, ref.data(), s * vocab, vocab));
                }
            }
        }
        return max;
    }

    private CaseResult teacherForced(String name, JsonObject c) {
        long[] ids = longs(c.getAsJsonArray("input_ids").get(0).getAsJsonArray());
        double max = 0;
        List<String> checked = new ArrayList<>();
        for (String key : List.of("logits_image", "logits_video")) {
            if (!c.has(key)) {
                continue;
            }
            String file = c.get(key).getAsString().split("\\s")[0];
            Pixels pixels = key.equals("logits_image") ? pixels("pixel_values_image.npy[0:1]")
                    : pixels("pixel_values_video.npy");
            Npy.FloatArray ref = read(file);
            long[] positions = new long[ids.length];
            Arrays.setAll(positions, i -> i);
            boolean[][] valid = new boolean[1][ids.length];
            Arrays.fill(valid[0], true);
            try (ImagePrefix prefix = model.encode(pixels.values, 1, pixels.frames);
                    NDManager m = model.manager().newSubManager()) {
                TextCache cache = model.newCache(m, 1);
                float[] got = model.decode(m, prefix, cache, ids, positions, valid, true).toFloatArray();
                max = Math.max(max, maxDiff(got, 0, ref.data(), 0, ref.data().length));
            }
            checked.add(file);
        }
        return new CaseResult(name, max <= LOGITS_TOLERANCE, max, "logits of " + String.join(", ", checked));
    }

    /** Vision tower and projection outputs for image 0, when the folder has them. */
    private List<CaseResult> hiddenStateChecks() {
        List<CaseResult> out = new ArrayList<>();
        boolean vision = Files.exists(folder.resolve("vision_last_hidden_state.npy"));
        boolean projection = Files.exists(folder.resolve("visual_projection.npy"));
        if (!vision && !projection) {
            return out;
        }
        Pixels image = pixels("pixel_values_image.npy[0:1]");
        int size = model.config().vision_config().image_size();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(image.values, new Shape(1, 3, size, size));
            NDArray hidden = model.visionForward(x);
            if (vision) {
                out.add(compare("vision_last_hidden_state", hidden, read("vision_last_hidden_state.npy")));
            }
            if (projection) {
                out.add(compare("visual_projection", model.projectionForward(hidden), read("visual_projection.npy")));
            }
        }
        return out;
    }

    private static CaseResult compare(String name, NDArray got, Npy.FloatArray ref) {
        float[] g = got.toFloatArray();
        if (g.length != ref.data().length) {
            return new CaseResult(name, false, Double.NaN, "shape " + got.getShape() + " vs " + Arrays.toString(ref.shape()));
        }
        double d = maxDiff(g, 0, ref.data(), 0, g.length);
        return new CaseResult(name, d <= HIDDEN_TOLERANCE, d, "shape " + got.getShape());
    }

    private static double maxDiff(float[] a, int aOff, float[] b, int bOff, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.abs((double) a[aOff + i] - b[bOff + i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    /** Prompts without their left padding (attention_mask 0). */
    private static List<long[]> prompts(JsonObject c) {
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

    private GenerationOptions options(JsonObject kwargs) {
        int maxNew = kwargs.has("max_new_tokens") ? kwargs.get("max_new_tokens").getAsInt()
                : GenerationConfig.DEFAULT_MAX_NEW_TOKENS;
        int beams = kwargs.has("num_beams") ? kwargs.get("num_beams").getAsInt() : 1;
        if (beams > 1) {
            double lp = kwargs.has("length_penalty") ? kwargs.get("length_penalty").getAsDouble() : 1.0;
            boolean early = kwargs.has("early_stopping") && kwargs.get("early_stopping").getAsBoolean();
            return GenerationOptions.beams(beams, maxNew, lp, early);
        }
        return GenerationOptions.greedy(maxNew);
    }

    /** Pixel values from a spec such as {@code pixel_values_image.npy[0:1]}: 4-D images or 5-D videos. */
    private Pixels pixels(String spec) {
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

    private Npy.FloatArray read(String file) {
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
    private record Pixels(float[] values, int count, int frames) {
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
