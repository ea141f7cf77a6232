package io.gitplatform.spark;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.core.platform.Problem;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spark.OutputColumns.RowOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition through the platform, on an executor: the JVM's shared platform, several rows in flight, and every
 * failure of a row kept in its {@code error} column (the job goes on). Logs a count per partition and feeds the
 * accumulators the Spark UI shows.
 *
 * @param inputIndex     the input column: a path/URI string, or binary content
 * @param pathIndex      a column naming the file (for binary input's messages), or -1
 * @param questionsIndex a column of per-row questions (a string or an array of strings), or -1
 */
record TaskRows(PlatformSpec platformSpec, TaskSpec taskSpec, OutputColumns columns, int inputIndex,
        boolean binaryInput, int pathIndex, int questionsIndex, int maxInFlight, LongAccumulator rowsDone,
        LongAccumulator rowsFailed) implements MapPartitionsFunction<Row, Row> {

    private static final Logger log = LoggerFactory.getLogger(TaskRows.class);

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        GitPlatform platform = ExecutorPlatforms.get(platformSpec);
        // Configuration errors fail the job with what is wrong instead of erroring every row: a task no plugin
        // serves (UnknownTaskException lists those there are), options the task refuses.
        platform.task(taskSpec.taskId());
        // (with a questions column, each row brings its questions: one stands in for them here)
        taskSpec.options(platform, questionsIndex >= 0 ? List.of("?") : null);
        int frames = taskSpec.frames() > 0 ? taskSpec.frames() : platform.model().videoFrames();
        MediaDecoder decoder = new MediaDecoder(MediaLimits.defaults());
        String model = platform.model().name();
        String dtype = platform.model().dtype();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        InFlightRows<Row, Row> rows = new InFlightRows<>(input, maxInFlight, ExecutorPlatforms.rowThreads(), row -> {
            RowOutcome outcome = run(platform, decoder, frames, model, dtype, row);
            done.incrementAndGet();
            rowsDone.add(1);
            if (outcome.problem() != null) {
                failed.incrementAndGet();
                rowsFailed.add(1);
            }
            return columns.row(row, taskSpec.taskId(), outcome);
        });
        TaskContext context = TaskContext.get();
        if (context != null) {
            context.addTaskCompletionListener((TaskCompletionListener) c -> {
                rows.cancel();
                double seconds = (System.nanoTime() - start) / 1e9;
                log.info("partition {} (stage {}, attempt {}): {} rows, {} failed, {} s, {} rows/s",
                        c.partitionId(), c.stageId(), c.attemptNumber(), done.get(), failed.get(),
                        String.format(Locale.ROOT, "%.1f", seconds),
                        String.format(Locale.ROOT, "%.2f", done.get() / Math.max(seconds, 1e-9)));
            });
        }
        return rows;
    }

    private RowOutcome run(GitPlatform platform, MediaDecoder decoder, int frames, String model, String dtype,
            Row row) {
        long start = System.nanoTime();
        DecodedMedia media = null;
        long decodeNanos = 0;
        try {
            media = decode(decoder, row, frames);
            decodeNanos = System.nanoTime() - start;
            TaskInput input = media.kind() == DecodedMedia.Kind.VIDEO
                    ? TaskInput.video(media.frames(), media.timestampsSeconds())
                    : TaskInput.image(media.frames().get(0));
            TaskResult result = platform.run(taskSpec.taskId(), TaskRequest.of(input,
                    taskSpec.options(platform, questions(row))));
            return new RowOutcome(result, null, media.frameIndices(), media.timestampsSeconds(), model, dtype,
                    decodeNanos, result.timings().encode().toNanos(), result.timings().total().toNanos(),
                    System.nanoTime() - start);
        } catch (RuntimeException e) {
            if (decodeNanos == 0) {
                decodeNanos = System.nanoTime() - start;
            }
            return new RowOutcome(null, Problem.of(e), media == null ? null : media.frameIndices(),
                    media == null ? null : media.timestampsSeconds(), model, dtype, decodeNanos, 0, 0,
                    System.nanoTime() - start);
        }
    }

    private DecodedMedia decode(MediaDecoder decoder, Row row, int frames) {
        String path = pathIndex >= 0 && !row.isNullAt(pathIndex) ? row.getString(pathIndex) : null;
        if (binaryInput) {
            return RowMedia.decode(decoder, row.isNullAt(inputIndex) ? null : (byte[]) row.get(inputIndex), path,
                    frames);
        }
        if (row.isNullAt(inputIndex)) {
            throw new MediaException(MediaException.Reason.UNREADABLE, "the row has no path (null)");
        }
        return RowMedia.decode(decoder, row.getString(inputIndex), frames);
    }

    /** The row's own questions, or null to use the configured ones. */
    private List<String> questions(Row row) {
        if (questionsIndex < 0 || row.isNullAt(questionsIndex)) {
            return null;
        }
        Object value = row.get(questionsIndex);
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            out.add(s);
        } else {
            for (Object q : row.getList(questionsIndex)) {
                if (q != null) {
                    out.add(q.toString());
                }
            }
        }
        out.removeIf(String::isBlank);
        return out;
    }
}
