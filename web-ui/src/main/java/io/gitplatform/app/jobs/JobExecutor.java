package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.GenerationParams;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.batch.BatchResult;
import io.gitplatform.app.batch.Batcher;
import io.gitplatform.app.batch.GenerationTask;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.generate.GenerationOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one place that turns a stored {@link JobRequest} into a result: today the caption, ask and classify tasks through
 * {@link TaskService} and the shared batcher. Everything else about jobs (store, leases, events) is indifferent to
 * what a task is.
 */
@Component
public class JobExecutor {
    private static final Set<String> TASKS = Set.of("caption", "ask", "classify");

    private final TaskService tasks;
    private final Batcher batcher;
    private final JobsProperties properties;

    public JobExecutor(TaskService tasks, Batcher batcher, JobsProperties properties) {
        this.tasks = tasks;
        this.batcher = batcher;
        this.properties = properties;
    }

    /** Checks a request before it is accepted; the token budget per prompt (for progress). */
    public int check(JobRequest request) {
        if (!TASKS.contains(request.task())) {
            throw ApiException.badOption("task must be caption, ask or classify, got '" + request.task() + "'");
        }
        switch (request.task()) {
            case "ask" -> tasks.questions(request.values("question"));
            case "classify" -> tasks.labels(request.values("labels"));
            default -> { }
        }
        return tasks.options(params(request)).maxNewTokens();
    }

    /**
     * Runs a request: decodes its upload, generates (polling {@code cancelled} before each token) and returns the
     * response body the synchronous endpoint would have given.
     */
    public Object execute(JobRequest request, JobProgress progress, AtomicBoolean cancelled) {
        GenerationOptions options = tasks.options(params(request));
        progress.step(JobStatus.DECODING);
        long start = System.nanoTime();
        Frames frames = tasks.decode(request.upload(), request.fileName());
        progress.framesDecoded(frames.count());
        long decodeNanos = System.nanoTime() - start;
        if (cancelled.get()) {
            return null;
        }
        progress.step(JobStatus.GENERATING);
        return switch (request.task()) {
            case "caption" -> TaskService.captionResponse(generate(new GenerationTask(frames, List.of(""), options,
                    (row, token) -> progress.token(), cancelled)), frames, decodeNanos, start);
            case "ask" -> {
                List<String> questions = tasks.questions(request.values("question"));
                yield TaskService.askResponse(questions, generate(new GenerationTask(frames, questions, options,
                        (row, token) -> progress.token(), cancelled)), frames, decodeNanos, start);
            }
            case "classify" -> tasks.classify(frames, request.value("prompt"), tasks.labels(request.values("labels")),
                    decodeNanos, start);
            default -> throw ApiException.badOption("unknown task " + request.task());
        };
    }

    private BatchResult generate(GenerationTask task) {
        return TaskService.await(batcher.submit(task), task.cancelled(), properties.timeout());
    }

    /** The generation options among the form fields, as the synchronous endpoints bind them. */
    static GenerationParams params(JobRequest r) {
        return new GenerationParams(number(r, "max_new_tokens", Integer::valueOf), number(r, "num_beams",
                Integer::valueOf), number(r, "temperature", Double::valueOf), number(r, "top_k", Integer::valueOf),
                number(r, "top_p", Double::valueOf), number(r, "seed", Long::valueOf), bool(r, "do_sample"));
    }

    private static <T> T number(JobRequest r, String field, Function<String, T> parse) {
        String v = r.value(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parse.apply(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badOption(field + " must be a number, got '" + v + "'");
        }
    }

    private static Boolean bool(JobRequest r, String field) {
        String v = r.value(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ApiException.badOption(field + " must be true or false, got '" + v + "'");
        };
    }
}
