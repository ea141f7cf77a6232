package io.gitplatform.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gitplatform.spark.job.GitSparkJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch job: in-process in local[2], and as bin/git-platform-spark through spark-submit on the shaded jar. */
class GitSparkJobIT {
    @TempDir
    Path tmp;

    Path corpus() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("corpus/nested"));
        for (int i = 0; i < 3; i++) {
            Files.copy(LocalSpark.SAMPLES.resolve("clip" + i + ".mp4"), dir.getParent().resolve("clip" + i + ".mp4"));
        }
        Files.createFile(dir.resolve("empty.mp4"));
        Files.writeString(dir.resolve("notes.txt"), "not a video");
        return dir.getParent();
    }

    /** Output rows by file name. */
    static Map<String, JsonObject> readJson(Path output) throws Exception {
        Map<String, JsonObject> rows = new HashMap<>();
        try (Stream<Path> files = Files.list(output)) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                    String path = o.get("path").getAsString();
                    rows.put(path.substring(path.lastIndexOf('/') + 1), o);
                }
            }
        }
        return rows;
    }

    @Test
    void captionsADirectoryRecursivelyWithAnErrorPerBadFileAndReleasesTheModel() throws Exception {
        Path output = tmp.resolve("out");
        int exit = GitSparkJob.run("caption", "--input", corpus().toString(), "--output", output.toString(),
                "--format", "json", "--master", "local[2]", "--partitions", "2");
        assertThat(exit).isZero();
        Map<String, JsonObject> rows = readJson(output);
        assertThat(rows).containsOnlyKeys("clip0.mp4", "clip1.mp4", "clip2.mp4", "empty.mp4", "notes.txt");
        assertThat(rows.get("clip0.mp4").getAsJsonObject("result").get("text").getAsString())
                .isEqualTo("a blue circle moving up");
        assertThat(rows.get("clip1.mp4").getAsJsonObject("result").get("text").getAsString())
                .isEqualTo("a red triangle moving up");
        assertThat(rows.get("clip0.mp4").has("error")).isFalse(); // Spark's JSON writer leaves nulls out
        assertThat(rows.get("clip0.mp4").getAsJsonArray("frames")).hasSize(6);
        assertThat(rows.get("empty.mp4").getAsJsonObject("error").get("title").getAsString()).isEqualTo("Empty media");
        assertThat(rows.get("notes.txt").getAsJsonObject("error").get("status").getAsInt()).isEqualTo(415);
        assertThat(rows.get("notes.txt").has("result")).isFalse();
        // The job stopped its session; the executor plugin closed the model on the way out.
        assertThat(ExecutorPlatforms.openCount()).isZero();
    }

    @Test
    void binScriptSubmitsTheShadedJarThroughSparkSubmit() throws Exception {
        Path jar = LocalSpark.ROOT.resolve("spark/target/git-platform-spark-all.jar");
        assertThat(jar).as("the spark-submit jar (mvn package)").isRegularFile();
        Path output = tmp.resolve("out-parquet");
        List<String> command = new ArrayList<>(List.of(LocalSpark.ROOT.resolve("bin/git-platform-spark").toString(),
                "ask", "--input", LocalSpark.SAMPLES + "/clip*.mp4", "--output", output.toString(),
                "--master", "local[2]", "--question", "what shape is it?", "--question",
                "what color is the background?"));
        Cli.Run run = Cli.run(LocalSpark.ROOT, command);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 rows, 0 failed -> " + output);
        assertThat(Files.list(output).anyMatch(f -> f.toString().endsWith(".parquet"))).isTrue();
    }
}
