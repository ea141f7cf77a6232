package io.gitplatform.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.Problem;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.core.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer in local[2] against the real plugin jars and the embedded model: the CLI's captions, binary input,
 * bad files, VQA, classification, a third-party task, and a pipeline saved and loaded.
 */
class SparkTasksIT {
    static SparkSession spark;
    /** The three sample clips and the tiny shapes model's eight sample images. */
    static List<Path> samples;
    static int openedBefore;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(LocalSpark.SAMPLES.resolve("clip" + i + ".mp4"));
        }
        Path images = SharedFixtures.tinyShapes().resolve("samples");
        for (int i = 0; i < 8; i++) {
            samples.add(images.resolve("image" + i + "_f0.png"));
        }
        openedBefore = ExecutorPlatforms.openedTotal();
        spark = LocalSpark.start("local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        // The executor stopped with the session: GitSparkPlugin released its model.
        assertThat(ExecutorPlatforms.openCount()).isZero();
    }

    /** Paths as a table spread over three partitions, so both task threads (and their rows in flight) share one model. */
    static Dataset<Row> paths(List<Path> files) {
        return spark.createDataset(files.stream().map(Path::toString).toList(), Encoders.STRING()).toDF("path")
                .repartition(3);
    }

    static Map<String, Row> byPath(Dataset<Row> out) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : out.collectAsList()) {
            rows.put(Path.of(r.getString(r.fieldIndex("path")).replaceFirst("^file:", "")).toString(), r);
        }
        return rows;
    }

    static String text(Row row) {
        Row result = row.getStruct(row.fieldIndex("result"));
        return result == null ? null : result.getString(result.fieldIndex("text"));
    }

    static GitPlatform platform() {
        return ExecutorPlatforms.get(new GitTaskTransformer().platformSpec());
    }

    static TaskResult direct(Path file, String task, TaskOptions options) {
        GitPlatform platform = platform();
        DecodedMedia m = new MediaDecoder(MediaLimits.defaults()).decode(file, platform.pipeline().videoFrames());
        TaskInput input = m.kind() == DecodedMedia.Kind.VIDEO ? TaskInput.video(m.frames(), m.timestampsSeconds())
                : TaskInput.image(m.frames().get(0));
        return platform.run(task, TaskRequest.of(input, options));
    }

    @Test
    void captionsAreTheCliCaptionsAndOneModelServesTheJvm() {
        Map<Path, String> cli = Cli.captions(samples);
        Map<String, Row> out = byPath(new GitTaskTransformer().transform(paths(samples)));
        assertThat(out).hasSize(samples.size());
        for (Path file : samples) {
            Row row = out.get(file.toString());
            assertThat(row.isNullAt(row.fieldIndex("error"))).as(file + " error").isTrue();
            assertThat(text(row)).as(file.toString()).isEqualTo(cli.get(file.toAbsolutePath().normalize()));
            assertThat(row.getString(row.fieldIndex("task"))).isEqualTo("caption");
            assertThat(row.getString(row.fieldIndex("model"))).isEqualTo("git-tiny-shapes");
            assertThat(row.getString(row.fieldIndex("dtype"))).isEqualTo("float32");
            List<Row> frames = row.getList(row.fieldIndex("frames"));
            boolean video = file.toString().endsWith(".mp4");
            assertThat(frames).hasSize(video ? 6 : 1);
            if (video) {
                assertThat(frames.get(5).getDouble(1)).isCloseTo(5 / 6.0, org.assertj.core.data.Offset.offset(1e-3));
            }
            Row timings = row.getStruct(row.fieldIndex("timings"));
            assertThat(timings.getDouble(timings.fieldIndex("total_ms"))).isPositive();
        }
        assertThat(cli.values()).contains("a blue circle moving up", "a blue square on a gray background");
        assertThat(ExecutorPlatforms.openCount()).isEqualTo(1);
        assertThat(ExecutorPlatforms.openedTotal() - openedBefore).isEqualTo(1); // not per partition, not per row
    }

    @Test
    void binaryFileContentGivesTheSameCaptionsAsPaths() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("binary"));
        for (Path s : samples.subList(0, 5)) {
            Files.copy(s, dir.resolve(s.getFileName()));
        }
        Dataset<Row> files = spark.read().format("binaryFile").load(dir.toString());
        Map<String, Row> fromBytes = byPath(new GitTaskTransformer().setInputCol("content").transform(files));
        Map<String, Row> fromPaths = byPath(new GitTaskTransformer().transform(files.select("path")));
        assertThat(fromBytes).hasSize(5).containsOnlyKeys(fromPaths.keySet());
        fromBytes.forEach((path, row) -> assertThat(text(row)).as(path).isNotBlank()
                .isEqualTo(text(fromPaths.get(path))));
    }

    @Test
    void badFilesGetTheRestApisProblemAndGoodOnesTheirCaption() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Path good = Files.copy(samples.get(0), dir.resolve("good.mp4"));
        Path image = Files.copy(samples.get(3), dir.resolve("good.png"));
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.webm"), noise);
        byte[] clip = Files.readAllBytes(samples.get(1));
        Path truncated = Files.write(dir.resolve("truncated.mp4"), java.util.Arrays.copyOf(clip, clip.length / 3));
        Path missing = dir.resolve("missing.mp4");
        List<Path> all = List.of(good, image, empty, text, random, truncated, missing);

        Map<String, Row> out = byPath(new GitTaskTransformer().transform(paths(all)));
        assertThat(out).hasSize(all.size());
        assertThat(text(out.get(good.toString()))).isEqualTo("a blue circle moving up");
        assertThat(text(out.get(image.toString()))).isNotBlank();
        MediaDecoder decoder = new MediaDecoder(MediaLimits.defaults());
        for (Path bad : List.of(empty, text, random, truncated, missing)) {
            Row row = out.get(bad.toString());
            assertThat(row.isNullAt(row.fieldIndex("result"))).as(bad + " result").isTrue();
            Row error = row.getStruct(row.fieldIndex("error"));
            assertThat(error).as(bad + " error").isNotNull();
            Problem expected;
            try {
                decoder.decode(bad, 6);
                throw new AssertionError(bad + " decoded");
            } catch (MediaException e) {
                expected = Problem.of(e); // what the REST API answers for this upload
            }
            assertThat(error.getInt(0)).as(bad + " status").isEqualTo(expected.status());
            assertThat(error.getString(1)).as(bad + " title").isEqualTo(expected.title());
            assertThat(error.getString(2)).as(bad + " detail").isEqualTo(expected.detail())
                    .startsWith(bad.getFileName().toString());
        }
        assertThat(out.get(empty.toString()).getStruct(out.get(empty.toString()).fieldIndex("error")).getString(1))
                .isEqualTo("Empty media");
        assertThat(out.get(text.toString()).getStruct(out.get(text.toString()).fieldIndex("error")).getString(1))
                .isEqualTo("Unsupported media type");
    }

    @Test
    void askAndClassifyRunThroughTheSameTransformer() {
        List<Path> images = samples.subList(3, 7);
        String[] questions = {"what shape is it?", "what color is the background?"};
        Map<String, Row> asked = byPath(new GitTaskTransformer().setTask("vqa").setQuestions(questions)
                .transform(paths(images)));
        for (Path file : images) {
            TaskResult expected = direct(file, "vqa", TaskOptions.builder().questions(List.of(questions)).build());
            Row result = asked.get(file.toString()).getStruct(asked.get(file.toString()).fieldIndex("result"));
            List<Row> answers = result.getList(result.fieldIndex("answers"));
            assertThat(answers).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(answers.get(i).getString(0)).isEqualTo(questions[i]);
                assertThat(answers.get(i).getString(1)).isEqualTo(expected.answers().get(i).text());
            }
        }

        String[] labels = {"circle", "square", "triangle"};
        Map<String, Row> ranked = byPath(new GitTaskTransformer().setTask("classify").setLabels(labels)
                .setPrompt("what shape is it?").transform(paths(images)));
        for (Path file : images) {
            TaskResult expected = direct(file, "classify", TaskOptions.builder().labels(List.of(labels))
                    .prompt("what shape is it?").build());
            Row result = ranked.get(file.toString()).getStruct(ranked.get(file.toString()).fieldIndex("result"));
            List<Row> got = result.getList(result.fieldIndex("labels"));
            assertThat(got).hasSize(3);
            for (int i = 0; i < 3; i++) {
                RankedLabel l = expected.labels().get(i);
                assertThat(got.get(i).getString(0)).isEqualTo(l.label());
                assertThat(got.get(i).getDouble(1)).isEqualTo(l.probability());
            }
            assertThat(result.getString(0)).isEqualTo(expected.labels().get(0).label());
        }
    }

    @Test
    void perRowQuestionsAndAThirdPartyTaskWithItsOwnOption() {
        Path image = samples.get(4);
        Dataset<Row> rows = spark.sql("select '" + image + "' as path, array('what shape is it?') as q union all "
                + "select '" + image + "' as path, array('what color is the background?') as q");
        List<Row> out = new GitTaskTransformer().setTask("vqa").setQuestionsCol("q").transform(rows).collectAsList();
        assertThat(out).hasSize(2);
        for (Row r : out) {
            String q = r.getList(r.fieldIndex("q")).get(0).toString();
            assertThat(text(r)).isEqualTo(direct(image, "vqa", TaskOptions.builder().question(q).build()).text());
        }

        Row colors = new GitTaskTransformer().setTask("describe-colors").setOptions(Map.of("background", "false"))
                .transform(paths(List.of(image))).first();
        assertThat(colors.isNullAt(colors.fieldIndex("error"))).isTrue();
        assertThat(text(colors)).isEqualTo(direct(image, "describe-colors",
                TaskOptions.builder().extra("background", "false").build()).text()).doesNotContain(" on ");
    }

    @Test
    void aSavedAndLoadedPipelineGivesTheSameOutput() throws Exception {
        GitTaskTransformer ask = new GitTaskTransformer().setTask("vqa").setQuestions("what shape is it?")
                .setOptions("{\"generation.max_new_tokens\": 5}").setMaxInFlight(2).setTimingsCol("");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {ask});
        Dataset<Row> input = paths(samples.subList(0, 6));
        PipelineModel fitted = pipeline.fit(input);
        String dir = tmp.resolve("pipeline").toString();
        fitted.write().overwrite().save(dir);
        PipelineModel loaded = PipelineModel.load(dir);
        GitTaskTransformer stage = (GitTaskTransformer) loaded.stages()[0];
        assertThat(stage.uid()).isEqualTo(ask.uid());
        assertThat(stage.getQuestions()).containsExactly("what shape is it?");
        assertThat(stage.getMaxInFlight()).isEqualTo(2);
        assertThat(stage.getOptions()).isEqualTo(ask.getOptions());
        Map<String, Row> before = byPath(fitted.transform(input));
        Map<String, Row> after = byPath(loaded.transform(input));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((path, row) -> assertThat(after.get(path)).as(path).isEqualTo(row));
        assertThat(after.values().iterator().next().schema().fieldNames()).doesNotContain("timings");

        String single = tmp.resolve("transformer").toString();
        ask.write().overwrite().save(single);
        GitTaskTransformer reloaded = GitTaskTransformer.load(single);
        for (org.apache.spark.ml.param.Param<?> p : ask.params()) {
            @SuppressWarnings("unchecked")
            org.apache.spark.ml.param.Param<Object> mine = (org.apache.spark.ml.param.Param<Object>) p;
            org.apache.spark.ml.param.Param<Object> theirs = reloaded.getParam(p.name());
            assertThat(theirs.jsonEncode(reloaded.getOrDefault(theirs))).as(p.name())
                    .isEqualTo(mine.jsonEncode(ask.getOrDefault(mine)));
        }
    }

    /**
     * What PySpark's wrappers do through py4j: construct the class by name with a uid, set each Python param as
     * {@code getParam(name).w(value)} (lists arrive as java.util.List), save with {@code write()}, and load through
     * the class's static {@code read()}.
     */
    @Test
    void usableByJvmClassNameAsPySparkCallsIt() throws Exception {
        Class<?> cls = Class.forName("io.gitplatform.spark.GitTaskTransformer");
        org.apache.spark.ml.param.Params obj = (org.apache.spark.ml.param.Params) cls.getConstructor(String.class)
                .newInstance("GitTaskTransformer_0123");
        org.apache.spark.ml.param.StringArrayParam questions =
                (org.apache.spark.ml.param.StringArrayParam) (Object) obj.getParam("questions");
        obj.set(obj.getParam("task").w("vqa"));
        obj.set(questions.w(java.util.List.of("what shape is it?")));
        obj.set(obj.getParam("options").w("{\"generation.max_new_tokens\": 4}"));
        Path image = samples.get(5);
        Row row = ((org.apache.spark.ml.Transformer) obj).transform(paths(List.of(image))).first();
        assertThat(text(row)).isEqualTo(direct(image, "vqa", platform().options("vqa", Map.of("questions",
                List.of("what shape is it?"), "generation.max_new_tokens", List.of("4")))).text());

        String dir = tmp.resolve("py").toString();
        ((org.apache.spark.ml.util.MLWritable) obj).write().overwrite().save(dir);
        Object reader = cls.getMethod("read").invoke(null);
        GitTaskTransformer loaded = (GitTaskTransformer) ((org.apache.spark.ml.util.MLReader<?>) reader).load(dir);
        assertThat(loaded.uid()).isEqualTo("GitTaskTransformer_0123");
        assertThat(loaded.getQuestions()).containsExactly("what shape is it?");
    }

    @Test
    void anUnknownTaskOrABadOptionFailsTheJobWithWhatIsWrong() {
        assertThatThrownBy(() -> new GitTaskTransformer().setTask("nope").transform(paths(samples.subList(0, 1)))
                .collectAsList()).hasMessageContaining("no task 'nope'").hasMessageContaining("caption");
        assertThatThrownBy(() -> new GitTaskTransformer().setOptions("{\"generation.max_new_tokens\": \"ten\"}")
                .transform(paths(samples.subList(0, 1))).collectAsList())
                .hasMessageContaining("'generation.max_new_tokens' must be an integer, got 'ten'");
        assertThatThrownBy(() -> new GitTaskTransformer().setOptions("{\"generation.max_new_tokens\": [}")
                .transform(paths(samples.subList(0, 1)))).hasMessageStartingWith("options are not valid JSON");
        assertThatThrownBy(() -> new GitTaskTransformer().setInputCol("nope").transform(paths(samples)))
                .hasMessageContaining("inputCol 'nope' is not a column");
    }
}
