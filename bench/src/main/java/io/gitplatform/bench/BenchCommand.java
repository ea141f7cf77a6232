package io.gitplatform.bench;

import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import io.gitplatform.core.pipeline.CpuDtype;
import io.gitplatform.core.pipeline.EngineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code git-platform bench}: CPU medians on git-base-vatex's shape with random weights, beside transformers'. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times captioning (image, 6-frame video, batch of 8), one decoder step, label scoring and"
                + " question answering on a model with random weights (nothing is downloaded), and compares the"
                + " medians with transformers on the same shapes. Progress goes to stderr.")
final class BenchCommand implements Callable<Integer> {
    /** Where {@code bin/git-platform} says the checkout is; the default config folder is found from there. */
    static final String HOME_PROPERTY = "git.platform.home";
    static final String DEFAULT_CONFIG = "config/bench/git-base-vatex";

    @Option(names = "--dtype", defaultValue = "float32", description = "float32, float16, bfloat16 or auto (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--threads", description = "intra-op threads (default: the number of cores)")
    Integer threads;

    @Option(names = "--reps", defaultValue = "5", description = "timed runs per case, after one warm-up"
            + " (default ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random weights and pixels")
    long seed;

    @Option(names = "--config", paramLabel = "<folder>", description = "a folder with config.json,"
            + " preprocessor_config.json, generation_config.json and tokenizer.json (default " + DEFAULT_CONFIG + ")")
    Path config;

    @Option(names = "--anchor", paramLabel = "<file>", description = "the JSON lines hf_cpu_bench.py printed in this"
            + " session (default: the numbers documented in ../shared/anchors/README.md)")
    Path anchorFile;

    @Option(names = "--json", description = "print the results as one JSON object on the last line of stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DataType type = dtype.equalsIgnoreCase("auto") ? CpuDtype.resolve("auto").dtype()
                : EngineSettings.parseDtype(dtype);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be positive, got " + n);
        }
        // Read by DJL's PyTorch engine when it starts, which has not happened yet in this process.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        Anchor anchor = anchorFile == null ? Anchor.documented() : Anchor.read(anchorFile);
        BenchResult result = new BenchSuite(configFolder(), type, reps, seed, System.err).run(n);

        Map<String, Double> metrics = result.metrics();
        Map<String, Double> vsFloat32 = BenchResult.ratios(metrics, anchor.float32());
        Map<String, Double> vsBfloat16 = BenchResult.ratios(metrics, anchor.bfloat16());
        System.out.println(table(metrics, anchor, vsFloat32, vsBfloat16));
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(metrics);
            out.put("dtype", result.dtype());
            out.put("threads", result.threads());
            out.put("reps", result.reps());
            out.put("anchor", anchor.source());
            out.put("ratio_vs_transformers_float32", vsFloat32);
            out.put("ratio_vs_transformers_bfloat16", vsBfloat16);
            System.out.println(new Gson().toJson(out));
        }
        return 0;
    }

    private Path configFolder() {
        if (config != null) {
            return config;
        }
        String home = System.getProperty(HOME_PROPERTY);
        Path folder = home == null ? Path.of(DEFAULT_CONFIG) : Path.of(home).resolve(DEFAULT_CONFIG);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no bench config at " + folder.toAbsolutePath()
                    + ": run from the checkout or pass --config <folder>");
        }
        return folder;
    }

    private static String table(Map<String, Double> metrics, Anchor anchor, Map<String, Double> vsFloat32,
            Map<String, Double> vsBfloat16) {
        StringBuilder sb = new StringBuilder(String.format("%-24s %10s %12s %8s %12s %8s%n", "metric", "ours",
                "hf float32", "ratio", "hf bfloat16", "ratio"));
        metrics.forEach((k, v) -> sb.append(String.format("%-24s %10.3f %12s %8s %12s %8s%n", k, v,
                number(anchor.float32().get(k)), number(vsFloat32.get(k)), number(anchor.bfloat16().get(k)),
                number(vsBfloat16.get(k)))));
        sb.append("anchor: ").append(anchor.source());
        return sb.toString();
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format("%.3f", v);
    }
}
