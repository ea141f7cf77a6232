package io.gitplatform.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gitplatform.core.config.GitConfig;
import io.gitplatform.core.config.GitVisionConfig;
import io.gitplatform.core.generate.Generation;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.Generator;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.model.ImagePrefix;
import io.gitplatform.core.model.RandomCheckpoint;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.safetensors.Dtype;
import io.gitplatform.spi.TokenListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Times the platform's real workloads on a model of a given config with random weights: captioning (image, video,
 * batch of 8), one decoder step, label scoring and question answering. Every case runs once to warm up, then
 * {@code reps} times; the median is reported. Inputs are random pixels, as in transformers' anchor script, so
 * preprocessing is not timed.
 */
public final class BenchSuite {
    static final List<String> CONFIG_FILES = List.of("config.json", "preprocessor_config.json",
            "generation_config.json", "tokenizer.json");
    static final String PROMPT = "what is the person doing?";
    static final List<String> LABELS = List.of("playing guitar", "riding a bike", "cooking", "swimming",
            "dancing", "playing basketball", "walking the dog", "painting a wall", "skateboarding", "playing piano",
            "washing dishes", "surfing", "reading a book", "juggling", "climbing a rock wall", "playing soccer",
            "typing on a laptop", "brushing teeth", "riding a horse", "playing drums");
    static final List<String> QUESTIONS = List.of("what is the person doing?", "where is this happening?",
            "what color is the shirt?", "how many people are there?", "what is in the background?");
    /** Every case generates exactly this many tokens, as the anchor does. */
    static final int NEW_TOKENS = 20;

    private final Path configFolder;
    private final DataType dtype;
    private final int reps;
    private final long seed;
    private final PrintStream progress;

    public BenchSuite(Path configFolder, DataType dtype, int reps, long seed, PrintStream progress) {
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be at least 1, got " + reps);
        }
        this.configFolder = configFolder;
        this.dtype = dtype;
        this.reps = reps;
        this.seed = seed;
        this.progress = progress;
    }

    public BenchResult run(int threads) throws IOException {
        Path folder = Files.createTempDirectory("git-bench-");
        try {
            writeModelFolder(folder);
            // The random checkpoint was built on the Java heap: give that back, then start counting.
            releaseHeap();
            PeakRss.reset();
            progress.printf("resident before loading: %.0f MB%n", PeakRss.currentMegabytes());
            Engine.getInstance(); // start PyTorch before timing the load
            return measure(ModelFolder.read(folder), threads);
        } finally {
            deleteTree(folder);
        }
    }

    /** A full GC, then a wait while G1 hands the freed heap back to the OS (JDK 17 uncommits concurrently). */
    private static void releaseHeap() {
        double before = Double.MAX_VALUE;
        for (int i = 0; i < 20 && PeakRss.currentMegabytes() < before - 1; i++) {
            before = PeakRss.currentMegabytes();
            System.gc();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeModelFolder(Path folder) throws IOException {
        for (String f : CONFIG_FILES) {
            Path src = configFolder.resolve(f);
            if (!Files.isRegularFile(src)) {
                throw new IOException("the bench config folder " + configFolder + " has no " + f);
            }
            Files.copy(src, folder.resolve(f));
        }
        GitConfig config = GitConfig.read(folder.resolve("config.json"));
        long start = System.nanoTime();
        // Stored in the dtype it will run in, as a deployment would ship it (float32 and float16 load zero-copy).
        RandomCheckpoint.write(config, folder.resolve(GitModel.WEIGHTS_FILE), seed, switch (EngineSettings.name(dtype)) {
            case "float16" -> Dtype.F16;
            case "bfloat16" -> Dtype.BF16;
            default -> Dtype.F32;
        });
        progress.printf("random checkpoint written in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private BenchResult measure(ModelFolder folder, int threads) {
        EngineSettings settings = new EngineSettings(ai.djl.Device.cpu(), dtype, threads);
        GitPipeline[] opened = new GitPipeline[1];
        double load = seconds("load_s", () -> {
            if (opened[0] != null) {
                opened[0].close();
            }
            opened[0] = GitPipeline.open(folder, settings);
        });
        try (GitPipeline pipeline = opened[0]) {
            GitModel model = pipeline.model();
            GitConfig config = model.config();
            int frames = config.frames();
            Pixels pixels = new Pixels(config.vision_config(), seed);
            float[] video = pixels.next(frames);
            float[] image = pixels.next(1);
            float[] batch8 = pixels.next(8);
            GenerationOptions options = GenerationOptions.greedy(NEW_TOKENS).withMinNewTokens(NEW_TOKENS);
            Generator generator = new Generator(model, folder.generation().eos_token_id(),
                    folder.generation().pad_token_id());
            long bos = config.bos_token_id();

            double visionFrame = seconds("vision_frame_ms", () -> vision(model, video, frames)) / frames * 1000;
            double videoCaption = seconds("video_caption_s", () -> caption(model, generator, video, 1, frames, bos,
                    options));
            double imageCaption = seconds("image_caption_s", () -> caption(model, generator, image, 1, 0, bos,
                    options));
            double decodeToken = decodeStepMs(model, generator, video, frames, bos);
            double batch8Caption = seconds("batch8_image_caption_s", () -> caption(model, generator, batch8, 8, 0,
                    bos, options));
            double labels = seconds("labels20_s", () -> {
                try (EncodedInput input = encode(model, video, frames)) {
                    pipeline.scoreContinuations(input, PROMPT, LABELS);
                }
            });
            double questions = seconds("questions5_s", () -> {
                try (EncodedInput input = encode(model, video, frames)) {
                    check(pipeline.ask(input, QUESTIONS, options, TokenListener.NONE, () -> false).stream()
                            .map(r -> r.tokenIds().length).toList());
                }
            });
            return new BenchResult(EngineSettings.name(dtype), threads, reps, visionFrame,
                    videoCaption, imageCaption, decodeToken, batch8Caption, labels, questions, load,
                    PeakRss.megabytes());
        }
    }

    private static void vision(GitModel model, float[] pixels, int frames) {
        GitVisionConfig vc = model.config().vision_config();
        try (NDManager m = model.manager().newSubManager()) {
            model.visionForward(m.create(pixels, new Shape(frames, vc.num_channels(), vc.image_size(),
                    vc.image_size())));
        }
    }

    private static void caption(GitModel model, Generator generator, float[] pixels, int images, int frames, long bos,
            GenerationOptions options) {
        try (ImagePrefix prefix = model.encode(pixels, images, frames)) {
            int[] promptImage = new int[images];
            Arrays.setAll(promptImage, i -> i);
            List<long[]> prompts = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                prompts.add(new long[] {bos});
            }
            List<Generation> out = generator.generate(prefix, promptImage, prompts, options, TokenListener.NONE,
                    () -> false);
            check(out.stream().map(g -> g.tokens().length).toList());
        }
    }

    private static EncodedInput encode(GitModel model, float[] pixels, int frames) {
        long start = System.nanoTime();
        return new EncodedInput(model.encode(pixels, 1, frames), frames, true, System.nanoTime() - start);
    }

    /**
     * The median of every single-row decoder step after [CLS], against the video's cached prefix: the time between
     * one step's logits and the next's (the step, its logits copied out).
     */
    private double decodeStepMs(GitModel model, Generator generator, float[] video, int frames, long bos) {
        long[] tokens = new long[NEW_TOKENS + 1];
        Arrays.setAll(tokens, t -> t == 0 ? bos : 1000 + t);
        List<Double> steps = new ArrayList<>();
        try (ImagePrefix prefix = model.encode(video, 1, frames)) {
            for (int rep = 0; rep <= reps; rep++) {
                boolean timed = rep > 0; // the first pass warms up
                long[] last = {0};
                generator.force(prefix, tokens, (t, logits) -> {
                    long now = System.nanoTime();
                    if (timed && t > 0) { // step 0 is the prefill
                        steps.add((now - last[0]) / 1e6);
                    }
                    last[0] = now;
                });
            }
        }
        double median = median(steps);
        progress.printf("%-24s %9.2f ms (%d steps)%n", "decode_token_ms", median, steps.size());
        return median;
    }

    private static void check(List<Integer> generated) {
        if (generated.stream().anyMatch(n -> n != NEW_TOKENS)) {
            throw new IllegalStateException("expected " + NEW_TOKENS + " new tokens per row, got " + generated);
        }
    }

    /** Runs {@code body} once to warm up, then {@code reps} times; returns the median in seconds. */
    private double seconds(String name, Runnable body) {
        List<Double> runs = new ArrayList<>();
        for (int rep = 0; rep <= reps; rep++) {
            long start = System.nanoTime();
            body.run();
            if (rep > 0) {
                runs.add((System.nanoTime() - start) / 1e9);
            }
        }
        double median = median(runs);
        progress.printf("%-24s %9.3f s   runs %s   %s%n", name, median,
                runs.stream().map(r -> String.format("%.3f", r)).toList(), PeakRss.breakdown());
        return median;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Seeded random pixel values in [-1, 1], the range of normalised frames. */
    private static final class Pixels {
        private final int perFrame;
        private final SplittableRandom random;

        Pixels(GitVisionConfig vc, long seed) {
            this.perFrame = vc.num_channels() * vc.image_size() * vc.image_size();
            this.random = new SplittableRandom(seed + 1);
        }

        float[] next(int frames) {
            float[] p = new float[frames * perFrame];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (random.nextDouble() * 2 - 1);
            }
            return p;
        }
    }
}
