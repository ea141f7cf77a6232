package io.gitplatform.spark;

import io.gitplatform.core.platform.Problem;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns the transformer appends, by the names its parameters give (an empty name leaves a column out): task,
 * result, frames, model, dtype, timings, error.
 */
record OutputColumns(String task, String result, String frames, String model, String dtype, String timings,
        String error) implements Serializable {

    static final StructType ANSWER = new StructType(new StructField[] {
            field("question", DataTypes.StringType), field("text", DataTypes.StringType),
            field("finish_reason", DataTypes.StringType), field("prompt_tokens", DataTypes.IntegerType),
            field("completion_tokens", DataTypes.IntegerType)});
    static final StructType LABEL = new StructType(new StructField[] {
            field("label", DataTypes.StringType), field("probability", DataTypes.DoubleType),
            field("log_likelihood", DataTypes.DoubleType)});
    /** The caption, the answers joined by lines, or the best label; the answers or labels; the usage. */
    static final StructType RESULT = new StructType(new StructField[] {
            field("text", DataTypes.StringType), field("answers", new ArrayType(ANSWER, false)),
            field("labels", new ArrayType(LABEL, false)), field("finish_reason", DataTypes.StringType),
            field("prompt_tokens", DataTypes.IntegerType), field("completion_tokens", DataTypes.IntegerType)});
    /** Each frame the model saw: its index in the source and its time in seconds (one frame 0 at 0 s for an image). */
    static final ArrayType FRAMES = new ArrayType(new StructType(new StructField[] {
            field("index", DataTypes.LongType), field("timestamp_s", DataTypes.DoubleType)}), false);
    static final StructType TIMINGS = new StructType(new StructField[] {
            field("decode_ms", DataTypes.DoubleType), field("encode_ms", DataTypes.DoubleType),
            field("generate_ms", DataTypes.DoubleType), field("total_ms", DataTypes.DoubleType)});
    /** The REST API's problem: its HTTP status, title and detail. */
    static final StructType ERROR = new StructType(new StructField[] {
            field("status", DataTypes.IntegerType), field("title", DataTypes.StringType),
            field("detail", DataTypes.StringType)});

    /** {@code input} with the output columns appended. */
    StructType appendTo(StructType input) {
        StructType out = input;
        String[] names = {task, result, frames, model, dtype, timings, error};
        DataType[] types = {DataTypes.StringType, RESULT, FRAMES, DataTypes.StringType, DataTypes.StringType,
                TIMINGS, ERROR};
        for (int i = 0; i < names.length; i++) {
            if (names[i].isEmpty()) {
                continue;
            }
            if (List.of(out.fieldNames()).contains(names[i])) {
                throw new IllegalArgumentException("output column '" + names[i] + "' already exists in the input;"
                        + " choose another name with its *Col parameter");
            }
            out = out.add(new StructField(names[i], types[i], true, Metadata.empty()));
        }
        return out;
    }

    /** One output row: the input's values, then the output columns that are not left out. */
    Row row(Row input, String taskId, RowOutcome outcome) {
        Object[] values = {taskId, outcome.result() == null ? null : result(outcome.result()),
                outcome.frameIndices() == null ? null : frames(outcome.frameIndices(), outcome.timestamps()),
                outcome.model(), outcome.dtype(), timings(outcome), outcome.problem() == null ? null
                        : RowFactory.create(outcome.problem().status(), outcome.problem().title(),
                                outcome.problem().detail())};
        String[] names = {task, result, frames, model, dtype, timings, error};
        List<Object> row = new ArrayList<>(input.size() + values.length);
        for (int i = 0; i < input.size(); i++) {
            row.add(input.get(i));
        }
        for (int i = 0; i < names.length; i++) {
            if (!names[i].isEmpty()) {
                row.add(values[i]);
            }
        }
        return RowFactory.create(row.toArray());
    }

    private static Row result(TaskResult r) {
        List<Row> answers = new ArrayList<>();
        for (Answer a : r.answers()) {
            answers.add(RowFactory.create(a.question(), a.text(), finish(a.finish()), a.promptTokens(),
                    a.completionTokens()));
        }
        List<Row> labels = new ArrayList<>();
        for (RankedLabel l : r.labels()) {
            labels.add(RowFactory.create(l.label(), l.probability(), l.logLikelihood()));
        }
        // Arrays, not java.util.List: the row encoder takes Java arrays and Scala sequences.
        return RowFactory.create(r.text(), answers.toArray(new Row[0]), labels.toArray(new Row[0]), finish(r.finish()), r.usage().promptTokens(),
                r.usage().completionTokens());
    }

    private static Row[] frames(long[] indices, double[] timestamps) {
        Row[] out = new Row[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = RowFactory.create(indices[i], timestamps[i]);
        }
        return out;
    }

    private static Row timings(RowOutcome o) {
        return RowFactory.create(ms(o.decodeNanos()), ms(o.encodeNanos()), ms(o.taskNanos() - o.encodeNanos()),
                ms(o.totalNanos()));
    }

    private static String finish(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private static StructField field(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }

    /** What became of one row: a result or a problem, with the facts known by then. */
    record RowOutcome(TaskResult result, Problem problem, long[] frameIndices, double[] timestamps, String model,
            String dtype, long decodeNanos, long encodeNanos, long taskNanos, long totalNanos) {
    }
}
