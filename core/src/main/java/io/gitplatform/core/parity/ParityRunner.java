package io.gitplatform.core.parity;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.core.generate.Generation;
import io.gitplatform.core.generate.Generator;
import io.gitplatform.core.io.Npy;
import io.gitplatform.core.model.DecodeInput;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.model.ImagePrefix;
import io.gitplatform.core.parity.ParityFixture.Pixels;
import io.gitplatform.spi.TokenListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a parity fixture ({@link ParityFixture}: cases and NumPy arrays made by transformers) through the Java engine:
 * token ids must be identical, logits within {@link #LOGITS_TOLERANCE}, vision and projection outputs within
 * {@link #HIDDEN_TOLERANCE}.
 */
public final class ParityRunner {
    public static final double LOGITS_TOLERANCE = 1e-4;
    public static final double HIDDEN_TOLERANCE = 1e-5;

    /** One checked case: its name, whether it passed, the largest difference (NaN when none applies), a note. */
    public record CaseResult(String name, boolean passed, double maxDiff, String detail) {
        public String line() {
            String diff = Double.isNaN(maxDiff) ? "-" : String.format("%.2e", maxDiff);
            return String.format("%-34s %s  max |diff| %-9s %s", name, passed ? "PASS" : "FAIL", diff, detail);
        }
    }

    private final ParityFixture fixture;
    private final GitModel model;
    private final GenerationConfig generationConfig;

    private ParityRunner(Path modelFolder, ParityFixture fixture, GitModel model) {
        this.fixture = fixture;
        this.model = model;
        this.generationConfig = GenerationConfig.read(modelFolder.resolve("generation_config.json"), model.config());
    }

    /** Loads the model in {@code folder}, runs every case of its {@code cases.json}, prints a line per case. */
    public static List<CaseResult> run(Path folder, PrintStream out) throws IOException {
        return run(folder, folder.resolve("cases.json"), out);
    }

    /** Loads the model in {@code modelFolder} and runs the cases of {@code casesFile} (arrays beside that file). */
    public static List<CaseResult> run(Path modelFolder, Path casesFile, PrintStream out) throws IOException {
        ParityFixture fixture = ParityFixture.read(casesFile);
        List<CaseResult> results = new ArrayList<>();
        try (GitModel model = GitModel.load(modelFolder, DataType.FLOAT32, Device.cpu())) {
            ParityRunner runner = new ParityRunner(modelFolder, fixture, model);
            for (Map.Entry<String, JsonObject> c : fixture.cases().entrySet()) {
                CaseResult r;
                try {
                    r = runner.runCase(c.getKey(), c.getValue());
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

    private CaseResult runCase(String name, JsonObject c) {
        if (ParityFixture.isTeacherForced(c)) {
            return teacherForced(name, c);
        }
        Pixels pixels = fixture.pixels(c.get("pixel_values").getAsString());
        List<long[]> prompts = ParityFixture.prompts(c);
        List<long[]> expected = ParityFixture.expectedRows(c);
        int[] promptImage = new int[prompts.size()];
        for (int i = 0; i < promptImage.length; i++) {
            promptImage[i] = pixels.count() == 1 ? 0 : i;
        }
        List<Generation> out;
        try (ImagePrefix prefix = model.encode(pixels.values(), pixels.count(), pixels.frames())) {
            List<Integer> eos = ParityFixture.endTokens(c).orElse(generationConfig.eos_token_id());
            Generator generator = new Generator(model, eos, generationConfig.pad_token_id());
            out = generator.generate(prefix, promptImage, prompts, ParityFixture.options(c), TokenListener.NONE,
                    () -> false);
        }
        StringBuilder detail = new StringBuilder();
        boolean ok = out.size() == expected.size();
        for (int i = 0; i < out.size() && ok; i++) {
            long[] got = out.get(i).sequence();
            if (!Arrays.equals(expected.get(i), got)) {
                ok = false;
                detail.append("row ").append(i).append(": expected ").append(Arrays.toString(expected.get(i)))
                        .append(" got ").append(Arrays.toString(got));
            }
        }
        double diff = Double.NaN;
        if (prompts.size() == 1 && ParityFixture.options(c).numBeams() == 1
                && fixture.stepScoresFollow(prompts.get(0), expected.get(0))) {
            diff = stepScoresDiff(pixels.first(), expected.get(0));
            ok &= diff <= LOGITS_TOLERANCE;
            detail.append(ok ? "every step's logits and " : "step logits differ; ");
        }
        if (ok) {
            detail.append("token ids identical (").append(out.size()).append(out.size() == 1 ? " row)" : " rows)");
        }
        return new CaseResult(name, ok, diff, detail.toString());
    }

    /** Each greedy step's next-token logits, through the KV cache, against the step scores [steps, vocab]. */
    private double stepScoresDiff(Pixels pixels, long[] sequence) {
        Npy.FloatArray ref = fixture.read(ParityFixture.STEP_SCORES);
        int vocab = model.config().vocab_size();
        int steps = (int) ref.shape()[0];
        double[] max = {0};
        try (ImagePrefix prefix = model.encode(pixels.values(), 1, pixels.frames())) {
            new Generator(model, generationConfig.eos_token_id(), generationConfig.pad_token_id()).force(prefix,
                    Arrays.copyOf(sequence, steps),
                    (s, logits) -> max[0] = Math.max(max[0], maxDiff(logits, 0, ref.data(), s * vocab, vocab)));
        }
        return max[0];
    }

    private CaseResult teacherForced(String name, JsonObject c) {
        long[] ids = ParityFixture.teacherForcedIds(c);
        double max = 0;
        List<String> checked = new ArrayList<>();
        for (String key : List.of("logits_image", "logits_video")) {
            if (!c.has(key)) {
                continue;
            }
            ParityFixture.TeacherForced tf = fixture.teacherForced(c, key);
            try (ImagePrefix prefix = model.encode(tf.pixels().values(), 1, tf.pixels().frames());
                    NDManager m = model.manager().newSubManager()) {
                float[] got = model.decode(m, prefix, model.newCache(m, 1), DecodeInput.sequence(ids)).toFloatArray();
                max = Math.max(max, maxDiff(got, 0, tf.logits().data(), 0, tf.logits().data().length));
            }
            checked.add(tf.file());
        }
        return new CaseResult(name, max <= LOGITS_TOLERANCE, max, "logits of " + String.join(", ", checked));
    }

    /** Vision tower and projection outputs for image 0, when the fixture has them. */
    private List<CaseResult> hiddenStateChecks() {
        List<CaseResult> out = new ArrayList<>();
        boolean vision = fixture.has("vision_last_hidden_state.npy");
        boolean projection = fixture.has("visual_projection.npy");
        if (!vision && !projection) {
            return out;
        }
        Pixels image = fixture.pixels("pixel_values_image.npy[0:1]");
        int size = model.config().vision_config().image_size();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(image.values(), new Shape(1, 3, size, size));
            NDArray hidden = model.visionForward(x);
            if (vision) {
                out.add(compare("vision_last_hidden_state", hidden, fixture.read("vision_last_hidden_state.npy")));
            }
            if (projection) {
                out.add(compare("visual_projection", model.projectionForward(hidden),
                        fixture.read("visual_projection.npy")));
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
}
