package io.gitplatform.spark;

import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Rows per second captioning generated clips with the embedded model: one {@code bin/git-platform caption} process
 * over all files (the baseline), and {@code bin/git-platform-spark caption} at local[1] and local[2]. Each run is a
 * fresh process timed end to end (JVM start, model load, decode, caption, write); the configurations alternate for
 * the given rounds and the medians are printed with their ratio to the baseline. Not a test: run it with
 * {@code bin/git-platform-spark-bench [clips] [rounds]} after {@code mvn package}.
 */
public final class GitSparkBench {

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path root = LocalSpark.ROOT;
        Path work = Files.createTempDirectory("git-spark-bench");
        Path corpus = Files.createDirectories(work.resolve("clips"));
        List<String> files = generate(corpus, clips);
        System.err.printf("%d clips of 12 frames (64x64, h264) in %s%n", clips, corpus);

        Map<String, List<String>> commands = new LinkedHashMap<>();
        List<String> cli = new ArrayList<>(List.of(root.resolve("bin/git-platform").toString(), "caption", "-q"));
        cli.addAll(files);
        commands.put("git-platform caption (1 process)", cli);
        for (String master : List.of("local[1]", "local[2]")) {
            commands.put("git-platform-spark " + master, List.of(root.resolve("bin/git-platform-spark").toString(),
                    "caption", "--input", corpus.toString(), "--output", work.resolve("out").toString(),
                    "--overwrite", "--master", master, "--partitions", master.equals("local[1]") ? "1" : "2"));
        }
        Map<String, double[]> seconds = new LinkedHashMap<>();
        commands.keySet().forEach(k -> seconds.put(k, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                long start = System.nanoTime();
                Cli.Run run = Cli.run(root, c.getValue(), Duration.ofMinutes(60));
                double s = (System.nanoTime() - start) / 1e9;
                if (run.exit() != 0) {
                    throw new IllegalStateException(c.getKey() + " failed: " + run.err());
                }
                if (c.getKey().startsWith("git-platform caption") && run.out().strip().split("\n").length != clips) {
                    throw new IllegalStateException("the CLI printed " + run.out().strip().split("\n").length
                            + " captions for " + clips + " clips");
                }
                if (!c.getKey().startsWith("git-platform caption") && !run.out().contains(clips + " rows, 0 failed")) {
                    throw new IllegalStateException(c.getKey() + " did not caption every clip: " + run.out());
                }
                seconds.get(c.getKey())[round] = s;
                System.err.printf(Locale.ROOT, "round %d: %-34s %6.1f s%n", round + 1, c.getKey(), s);
            }
        }
        double baseline = median(seconds.values().iterator().next());
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %8s%n", "configuration", "wall_s", "rows/s", "vs_cli");
        for (Map.Entry<String, double[]> e : seconds.entrySet()) {
            double s = median(e.getValue());
            System.out.printf(Locale.ROOT, "%-34s %8.1f %8.2f %8.2f%n", e.getKey(), s, clips / s, baseline / s);
        }
    }

    /** Clips of every shape, colour, background and direction in turn, 12 frames at 6 fps (2 s). */
    static List<String> generate(Path dir, int count) {
        Random random = new Random(7);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Scene scene = new Scene(pick(Shape.values(), random), pick(ShapeColor.values(), random),
                    pick(Background.values(), random), pick(Direction.values(), random));
            Path file = dir.resolve(String.format(Locale.ROOT, "clip%04d.mp4", i));
            ShapeVideos.write(ShapeVideos.render(scene, 12), 6, VideoFormat.MP4_H264, file);
            files.add(file.toString());
        }
        return files;
    }

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
