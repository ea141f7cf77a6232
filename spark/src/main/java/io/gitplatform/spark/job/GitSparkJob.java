package io.gitplatform.spark.job;

import io.gitplatform.spark.GitSparkPlugin;
import io.gitplatform.spark.GitTaskTransformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code git-platform-spark <task> --input <dir|glob|table> --output <dir>}: runs one task of the platform over every
 * file (or every row of a table) on Spark and writes one row per input with its result or its error.
 */
@Command(name = "git-platform-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a GIT platform task (caption, ask, classify, or a plugin's task) over many videos and"
                + " images on Apache Spark; writes one row per input: path, task, result, frames, model, dtype,"
                + " timings, error.")
public final class GitSparkJob implements Callable<Integer> {

    /** The output columns written after the input's path, in order. */
    static final List<String> COLUMNS = List.of("task", "result", "frames", "model", "dtype", "timings", "error");

    @Parameters(index = "0", paramLabel = "<task>",
            description = "caption, ask (the vqa task), classify, or a plugin's task id")
    String task;

    @Option(names = "--input", required = true, paramLabel = "<dir|glob|table>",
            description = "a directory (read recursively), a glob such as 'videos/*.mp4' (any Hadoop file system),"
                    + " or a table name whose --input-col holds paths")
    String input;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "where the result files go")
    String output;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "<parquet|json>",
            description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--master", paramLabel = "<url>",
            description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--question", paramLabel = "<text>", description = "a question for ask (repeat for several)")
    List<String> questions = new ArrayList<>();

    @Option(names = "--labels", split = ",", paramLabel = "<a,b,c>", description = "candidate labels for classify")
    List<String> labels = new ArrayList<>();

    @Option(names = "--prompt", paramLabel = "<text>", description = "prompt (classify: the question labels answer)")
    String prompt = "";

    @Option(names = "--option", paramLabel = "<name=value>",
            description = "a task option, e.g. generation.max_new_tokens=10 or a plugin's own option (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--model", defaultValue = "embedded", paramLabel = "<source>",
            description = "'embedded', a model folder on every node, or a hub id (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--revision", paramLabel = "<rev>", description = "hub revision")
    String revision = "";

    @Option(names = "--offline", description = "hub models from the local cache only")
    boolean offline;

    @Option(names = "--backend", defaultValue = "cpu", paramLabel = "<id>", description = "cpu or gpu")
    String backend;

    @Option(names = "--dtype", paramLabel = "<dtype>", description = "auto, float32, float16 or bfloat16 (default: the backend's; cpu: auto)")
    String dtype = "";

    @Option(names = "--threads", defaultValue = "0", paramLabel = "<n>",
            description = "intra-op threads per executor (0: the engine's default)")
    int threads;

    @Option(names = "--frames", defaultValue = "0", paramLabel = "<n>",
            description = "frames per video (0: the model's count)")
    int frames;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "<n>",
            description = "spread the inputs over n partitions (0: as Spark lists them)")
    int partitions;

    @Option(names = "--max-in-flight", defaultValue = "4", paramLabel = "<n>",
            description = "rows per partition running at once (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--input-col", defaultValue = "path", paramLabel = "<column>",
            description = "the column of paths when --input is a table (default: ${DEFAULT-VALUE})")
    String inputCol;

    @Option(names = "--overwrite", description = "replace --output if it exists")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job; the exit code (0: written, even when some rows failed; 1: the job failed; 2: bad usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new GitSparkJob());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("error: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        if (!format.equals("parquet") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be parquet or json, not " + format);
        }
        GitTaskTransformer transformer = new GitTaskTransformer().setTask(taskId())
                .setQuestions(questions.toArray(String[]::new)).setLabels(labels.toArray(String[]::new))
                .setPrompt(prompt).setOptions(options).setModel(model).setRevision(revision).setOffline(offline)
                .setBackend(backend).setDtype(dtype).setThreads(threads).setFrames(frames)
                .setMaxInFlight(maxInFlight).setInputCol(inputCol);
        SparkSession spark = session();
        try {
            Dataset<Row> rows = inputs(spark);
            if (partitions > 0) {
                rows = rows.repartition(partitions);
            }
            List<String> columns = new ArrayList<>(List.of(inputCol));
            columns.addAll(COLUMNS);
            Dataset<Row> results = transformer.transform(rows)
                    .selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new));
            results.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(format).save(output);
            // Read back with the written schema: JSON leaves null columns out, and inference would lose them.
            System.out.println(summary(spark.read().schema(results.schema()).format(format).load(output)) + " -> "
                    + output);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** The CLI's command names: {@code ask} runs the {@code vqa} task; other names are task ids. */
    private String taskId() {
        return task.equals("ask") ? "vqa" : task;
    }

    private SparkSession session() {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("git-platform-spark " + task);
        if (master != null) {
            builder.master(master);
        } else if (!conf.contains("spark.master")) {
            builder.master("local[*]");
        }
        // The executors release their model when they stop; plugins the user configured stay.
        String plugins = conf.get("spark.plugins", "");
        if (!plugins.contains(GitSparkPlugin.class.getName())) {
            builder.config("spark.plugins", (plugins.isEmpty() ? "" : plugins + ",") + GitSparkPlugin.class.getName());
        }
        return builder.getOrCreate();
    }

    /** The files --input names as a table of paths (each executor reads its own), or a table's rows. */
    private Dataset<Row> inputs(SparkSession spark) {
        if (!input.contains("/") && !input.contains("*") && spark.catalog().tableExists(input)) {
            return spark.table(input);
        }
        if (!inputCol.equals("path")) {
            throw new IllegalArgumentException("--input-col is for table input; listed files are in 'path'");
        }
        List<String> files = InputFiles.list(input, spark.sparkContext().hadoopConfiguration());
        return spark.createDataset(files, Encoders.STRING()).toDF("path");
    }

    /** "N rows, M failed (k Corrupt media, ...)". */
    static String summary(Dataset<Row> written) {
        long total = written.count();
        Map<String, Long> failures = new LinkedHashMap<>();
        for (Row r : written.filter("error is not null").groupBy("error.title").count().collectAsList()) {
            failures.put(r.getString(0), r.getLong(1));
        }
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        return total + " rows, " + failed + " failed" + (failures.isEmpty() ? "" : failures.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ", " (", ")")));
    }
}
