package io.gitplatform.spark;

import com.google.gson.Gson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a task of the GIT platform (caption, ask, classify, or a third-party plugin's task) over a table of videos and
 * images: the input column holds paths/URIs, or the bytes of {@code spark.read.format("binaryFile")}; the output
 * columns are appended. Each executor JVM loads the model once and shares it among its task threads; each partition
 * keeps {@code maxInFlight} rows running at once so the platform can batch them. A row that fails (corrupt, empty,
 * too long, unsupported) gets a null result and an {@code error} with the REST API's status, title and detail.
 *
 * <p>From PySpark: {@code JavaTransformer} with {@code _new_java_obj("io.gitplatform.spark.GitTaskTransformer", uid)}
 * (see {@code spark/python/git_platform_spark.py}). Saved and loaded with {@link #write()} / {@link #load(String)}.
 */
public class GitTaskTransformer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> task;
    private final StringArrayParam questions;
    private final Param<String> questionsCol;
    private final StringArrayParam labels;
    private final Param<String> prompt;
    private final IntParam topK;
    private final Param<String> options;
    private final Param<String> model;
    private final Param<String> revision;
    private final BooleanParam offline;
    private final Param<String> backend;
    private final IntParam device;
    private final Param<String> dtype;
    private final IntParam threads;
    private final IntParam frames;
    private final Param<String> pluginsDir;
    private final IntParam taskTimeoutSeconds;
    private final IntParam maxInFlight;
    private final Param<String> inputCol;
    private final Param<String> pathCol;
    private final Param<String> taskCol;
    private final Param<String> resultCol;
    private final Param<String> framesCol;
    private final Param<String> modelCol;
    private final Param<String> dtypeCol;
    private final Param<String> timingsCol;
    private final Param<String> errorCol;

    public GitTaskTransformer() {
        this(Identifiable$.MODULE$.randomUID("gitTask"));
    }

    public GitTaskTransformer(String uid) {
        this.uid = uid;
        // Params are made here, after uid is set: a Param records its parent's uid when it is constructed.
        task = new Param<>(this, "task", "the task id: caption, ask, classify, or a third-party plugin's task");
        questions = new StringArrayParam(this, "questions", "questions for ask (answered in one batch per row)");
        questionsCol = new Param<>(this, "questionsCol",
                "a column of per-row questions (string or array of strings) that replace 'questions'; empty: none");
        labels = new StringArrayParam(this, "labels", "candidate labels for classify");
        prompt = new Param<>(this, "prompt", "a prompt the model continues from, or the question labels answer");
        topK = new IntParam(this, "topK", "ranked labels to keep (0: all)", ParamValidators.gtEq(0));
        options = new Param<>(this, "options", "more options as a JSON object of name to value: generation.*"
                + " (max_new_tokens, num_beams, do_sample, temperature, top_k, top_p, seed, ...) and the options of"
                + " third-party tasks");
        model = new Param<>(this, "model", "'embedded' (the tiny shapes model), a model folder present on every"
                + " executor, or a Hugging Face hub id (owner/name)");
        revision = new Param<>(this, "revision", "hub revision (empty: the default branch)");
        offline = new BooleanParam(this, "offline", "hub models from the executors' local cache only");
        backend = new Param<>(this, "backend", "inference backend: cpu or gpu");
        device = new IntParam(this, "device", "GPU index for the gpu backend", ParamValidators.gtEq(0));
        dtype = new Param<>(this, "dtype", "float32 or float16 (empty: the backend's default)");
        threads = new IntParam(this, "threads", "intra-op threads per executor (0: the engine's default)",
                ParamValidators.gtEq(0));
        frames = new IntParam(this, "frames", "frames sampled per video (0: the model's own count)",
                ParamValidators.gtEq(0));
        pluginsDir = new Param<>(this, "pluginsDir",
                "a directory of plugin jars on every executor (empty: the plugins bundled in this jar)");
        taskTimeoutSeconds = new IntParam(this, "taskTimeoutSeconds", "how long one row's task may run",
                ParamValidators.gt(0));
        maxInFlight = new IntParam(this, "maxInFlight",
                "rows of a partition decoded and run at once, so the platform can batch them", ParamValidators.gt(0));
        inputCol = new Param<>(this, "inputCol", "the input column: paths/URIs (string) or file bytes (binary)");
        pathCol = new Param<>(this, "pathCol", "a string column naming each file in messages when the input is binary"
                + " (binaryFile's 'path'); empty: none");
        taskCol = new Param<>(this, "taskCol", "output column: the task id (empty: left out)");
        resultCol = new Param<>(this, "resultCol",
                "output column: struct of text, answers, labels, finish_reason and token counts (empty: left out)");
        framesCol = new Param<>(this, "framesCol",
                "output column: the frames used, each with its source index and timestamp (empty: left out)");
        modelCol = new Param<>(this, "modelCol", "output column: the model's name (empty: left out)");
        dtypeCol = new Param<>(this, "dtypeCol", "output column: the dtype the model ran in (empty: left out)");
        timingsCol = new Param<>(this, "timingsCol",
                "output column: decode, encode, generate and total milliseconds (empty: left out)");
        errorCol = new Param<>(this, "errorCol", "output column: null, or the REST API's status, title and detail"
                + " for a row that failed (empty: left out)");
        setDefault(task, "caption");
        setDefault(questions, new String[0]);
        setDefault(questionsCol, "");
        setDefault(labels, new String[0]);
        setDefault(prompt, "");
        setDefault(topK, 0);
        setDefault(options, "{}");
        setDefault(model, "embedded");
        setDefault(revision, "");
        setDefault(offline, false);
        setDefault(backend, "cpu");
        setDefault(device, 0);
        setDefault(dtype, "");
        setDefault(threads, 0);
        setDefault(frames, 0);
        setDefault(pluginsDir, "");
        setDefault(taskTimeoutSeconds, 300);
        setDefault(maxInFlight, 4);
        setDefault(inputCol, "path");
        setDefault(pathCol, "path");
        setDefault(taskCol, "task");
        setDefault(resultCol, "result");
        setDefault(framesCol, "frames");
        setDefault(modelCol, "model");
        setDefault(dtypeCol, "dtype");
        setDefault(timingsCol, "timings");
        setDefault(errorCol, "error");
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        DataType input = inputField(schema).dataType();
        if (!(input instanceof StringType) && !(input instanceof BinaryType)) {
            throw new IllegalArgumentException("input column '" + getInputCol() + "' must hold paths (string) or file"
                    + " bytes (binary), not " + input.simpleString());
        }
        if (!getQuestionsCol().isEmpty()) {
            DataType q = field(schema, getQuestionsCol(), "questionsCol").dataType();
            if (!(q instanceof StringType)
                    && !(q instanceof ArrayType a && a.elementType() instanceof StringType)) {
                throw new IllegalArgumentException("questions column '" + getQuestionsCol() + "' must be a string or"
                        + " an array of strings, not " + q.simpleString());
            }
        }
        taskSpec(); // options that do not convert fail here, before any executor starts
        return outputColumns().appendTo(schema);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        StructType out = transformSchema(schema);
        boolean binary = inputField(schema).dataType() instanceof BinaryType;
        int pathIndex = -1;
        if (!getPathCol().isEmpty() && List.of(schema.fieldNames()).contains(getPathCol())
                && schema.apply(getPathCol()).dataType() instanceof StringType) {
            pathIndex = schema.fieldIndex(getPathCol());
        }
        int questionsIndex = getQuestionsCol().isEmpty() ? -1 : schema.fieldIndex(getQuestionsCol());
        var sc = dataset.sparkSession().sparkContext();
        TaskRows rows = new TaskRows(platformSpec(), taskSpec(), outputColumns(), schema.fieldIndex(getInputCol()),
                binary, pathIndex, questionsIndex, getMaxInFlight(), sc.longAccumulator("git-platform rows"),
                sc.longAccumulator("git-platform rows failed"));
        return dataset.toDF().mapPartitions(rows, Encoders.row(out));
    }

    @Override
    public GitTaskTransformer copy(ParamMap extra) {
        return (GitTaskTransformer) defaultCopy(extra);
    }

    public static MLReader<GitTaskTransformer> read() {
        return new DefaultParamsReader<>();
    }

    public static GitTaskTransformer load(String path) {
        return read().load(path);
    }

    /** The platform the executors open for this transformer. */
    public PlatformSpec platformSpec() {
        return new PlatformSpec(getModel(), getRevision(), getOffline(), getBackend(), getDevice(), getDtype(),
                getThreads(), getPluginsDir(), Duration.ofSeconds(getTaskTimeoutSeconds()));
    }

    TaskSpec taskSpec() {
        return TaskSpec.of(getTask(), List.of(getQuestions()), List.of(getLabels()), getPrompt(), getTopK(),
                getOptions(), getFrames());
    }

    private OutputColumns outputColumns() {
        return new OutputColumns(getTaskCol(), getResultCol(), getFramesCol(), getModelCol(), getDtypeCol(),
                getTimingsCol(), getErrorCol());
    }

    private StructField inputField(StructType schema) {
        return field(schema, getInputCol(), "inputCol");
    }

    private static StructField field(StructType schema, String name, String param) {
        if (!List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(param + " '" + name + "' is not a column of the input; it has "
                    + List.of(schema.fieldNames()));
        }
        return schema.apply(name);
    }

    // Params, as Spark's reflection finds them (public, no arguments, returning a Param), with getters and setters.

    public Param<String> task() { return task; }
    public StringArrayParam questions() { return questions; }
    public Param<String> questionsCol() { return questionsCol; }
    public StringArrayParam labels() { return labels; }
    public Param<String> prompt() { return prompt; }
    public IntParam topK() { return topK; }
    public Param<String> options() { return options; }
    public Param<String> model() { return model; }
    public Param<String> revision() { return revision; }
    public BooleanParam offline() { return offline; }
    public Param<String> backend() { return backend; }
    public IntParam device() { return device; }
    public Param<String> dtype() { return dtype; }
    public IntParam threads() { return threads; }
    public IntParam frames() { return frames; }
    public Param<String> pluginsDir() { return pluginsDir; }
    public IntParam taskTimeoutSeconds() { return taskTimeoutSeconds; }
    public IntParam maxInFlight() { return maxInFlight; }
    public Param<String> inputCol() { return inputCol; }
    public Param<String> pathCol() { return pathCol; }
    public Param<String> taskCol() { return taskCol; }
    public Param<String> resultCol() { return resultCol; }
    public Param<String> framesCol() { return framesCol; }
    public Param<String> modelCol() { return modelCol; }
    public Param<String> dtypeCol() { return dtypeCol; }
    public Param<String> timingsCol() { return timingsCol; }
    public Param<String> errorCol() { return errorCol; }

    public String getTask() { return getOrDefault(task); }
    public String[] getQuestions() { return getOrDefault(questions); }
    public String getQuestionsCol() { return getOrDefault(questionsCol); }
    public String[] getLabels() { return getOrDefault(labels); }
    public String getPrompt() { return getOrDefault(prompt); }
    public int getTopK() { return (Integer) getOrDefault(topK); }
    public String getOptions() { return getOrDefault(options); }
    public String getModel() { return getOrDefault(model); }
    public String getRevision() { return getOrDefault(revision); }
    public boolean getOffline() { return (Boolean) getOrDefault(offline); }
    public String getBackend() { return getOrDefault(backend); }
    public int getDevice() { return (Integer) getOrDefault(device); }
    public String getDtype() { return getOrDefault(dtype); }
    public int getThreads() { return (Integer) getOrDefault(threads); }
    public int getFrames() { return (Integer) getOrDefault(frames); }
    public String getPluginsDir() { return getOrDefault(pluginsDir); }
    public int getTaskTimeoutSeconds() { return (Integer) getOrDefault(taskTimeoutSeconds); }
    public int getMaxInFlight() { return (Integer) getOrDefault(maxInFlight); }
    public String getInputCol() { return getOrDefault(inputCol); }
    public String getPathCol() { return getOrDefault(pathCol); }
    public String getTaskCol() { return getOrDefault(taskCol); }
    public String getResultCol() { return getOrDefault(resultCol); }
    public String getFramesCol() { return getOrDefault(framesCol); }
    public String getModelCol() { return getOrDefault(modelCol); }
    public String getDtypeCol() { return getOrDefault(dtypeCol); }
    public String getTimingsCol() { return getOrDefault(timingsCol); }
    public String getErrorCol() { return getOrDefault(errorCol); }

    public GitTaskTransformer setTask(String value) { return put(task, value); }
    public GitTaskTransformer setQuestions(String... value) { return put(questions, value); }
    public GitTaskTransformer setQuestionsCol(String value) { return put(questionsCol, value); }
    public GitTaskTransformer setLabels(String... value) { return put(labels, value); }
    public GitTaskTransformer setPrompt(String value) { return put(prompt, value); }
    public GitTaskTransformer setTopK(int value) { return put(topK, value); }
    public GitTaskTransformer setOptions(String json) { return put(options, json); }
    /** The options as a map of name to value (strings, numbers, booleans, lists of strings). */
    public GitTaskTransformer setOptions(Map<String, ?> value) { return put(options, new Gson().toJson(value)); }
    public GitTaskTransformer setModel(String value) { return put(model, value); }
    public GitTaskTransformer setRevision(String value) { return put(revision, value); }
    public GitTaskTransformer setOffline(boolean value) { return put(offline, value); }
    public GitTaskTransformer setBackend(String value) { return put(backend, value); }
    public GitTaskTransformer setDevice(int value) { return put(device, value); }
    public GitTaskTransformer setDtype(String value) { return put(dtype, value); }
    public GitTaskTransformer setThreads(int value) { return put(threads, value); }
    public GitTaskTransformer setFrames(int value) { return put(frames, value); }
    public GitTaskTransformer setPluginsDir(String value) { return put(pluginsDir, value); }
    public GitTaskTransformer setTaskTimeoutSeconds(int value) { return put(taskTimeoutSeconds, value); }
    public GitTaskTransformer setMaxInFlight(int value) { return put(maxInFlight, value); }
    public GitTaskTransformer setInputCol(String value) { return put(inputCol, value); }
    public GitTaskTransformer setPathCol(String value) { return put(pathCol, value); }
    public GitTaskTransformer setTaskCol(String value) { return put(taskCol, value); }
    public GitTaskTransformer setResultCol(String value) { return put(resultCol, value); }
    public GitTaskTransformer setFramesCol(String value) { return put(framesCol, value); }
    public GitTaskTransformer setModelCol(String value) { return put(modelCol, value); }
    public GitTaskTransformer setDtypeCol(String value) { return put(dtypeCol, value); }
    public GitTaskTransformer setTimingsCol(String value) { return put(timingsCol, value); }
    public GitTaskTransformer setErrorCol(String value) { return put(errorCol, value); }

    private <T> GitTaskTransformer put(Param<T> param, T value) {
        set(param, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    private GitTaskTransformer put(IntParam param, int value) {
        set((Param<Object>) (Param<?>) param, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    private GitTaskTransformer put(BooleanParam param, boolean value) {
        set((Param<Object>) (Param<?>) param, value);
        return this;
    }
}
