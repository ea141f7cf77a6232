package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.GenerationParams;
import io.gitplatform.app.api.Responses.AskResponse;
import io.gitplatform.app.api.Responses.CaptionResponse;
import io.gitplatform.app.api.Responses.ClassifyResponse;
import io.gitplatform.app.api.Responses.TaskResponse;
import io.gitplatform.app.api.TaskController;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.config.Limits;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.platform.TaskFailedException;
import io.gitplatform.core.platform.TaskTimeoutException;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one place that turns a stored {@link JobRequest} into a result: the task's options read from the stored form
 * fields, the upload decoded, the task run through its head ({@link TaskService}), the body the synchronous endpoint
 * would have answered. Everything else about jobs (store, leases, events) is indifferent to what a task is.
 */
@Component
public class JobExecutor {
    private final TaskService tasks;
    private final Limits limits;
    private final JobsProperties properties;

    public JobExecutor(TaskService tasks, Limits limits, JobsProperties properties) {
        this.tasks = tasks;
        this.limits = limits;
        this.properties = properties;
    }

    /** Checks a request before it is accepted (400 naming the option, 503 for no such task); its token budget. */
    public int check(JobRequest request) {
        TaskOptions options = options(request);
        tasks.options(request.task(), options.toFields());
        if (request.url() != null) {
            tasks.stream(request.task(), request.url(), new CancellationFlag()); // 400 unless allowed; opens nothing
        }
        Integer max = options.generation().maxNewTokens();
        return max == null ? limits.maxNewTokens() : max;
    }

    /**
     * Runs a request: decodes its upload, runs the task (the head polls {@code cancel} before each token) and returns
     * the response body; null when cancelled. Failures are {@link ApiException}s carrying the problem to store.
     */
    public Object execute(JobRequest request, JobProgress progress, CancellationFlag cancel) {
        TaskOptions options = options(request);
        progress.step(JobStatus.DECODING);
        long start = System.nanoTime();
        Frames frames = request.url() != null ? tasks.stream(request.task(), request.url(), cancel)
                : tasks.decode(request.upload(), request.fileName());
        progress.framesDecoded(frames.count());
        long decodeNanos = System.nanoTime() - start;
        if (cancel.isCancelled()) {
            return null;
        }
        progress.step(JobStatus.GENERATING);
        TaskResult r;
        try {
            r = tasks.run(request.task(), frames, options, (row, token) -> progress.token(), new ProgressListener() {
                @Override
                public void onProgress(String stage, double fraction) {
                }

                @Override
                public void onPart(String kind, String json) {
                    progress.part(kind, json);
                }
            }, cancel, properties.timeout());
        } catch (TaskTimeoutException e) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "Request timed out", e.getMessage());
        } catch (TaskFailedException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Task failed", e.getMessage());
        }
        if (cancel.isCancelled()) {
            return null;
        }
        String model = tasks.modelInfo().name();
        return switch (request.task()) {
            case "caption" -> CaptionResponse.of(r, model, frames, decodeNanos, start);
            case "vqa" -> AskResponse.of(r, model, frames, decodeNanos, start);
            case "classify" -> ClassifyResponse.of(r, model, options.prompt(), frames, decodeNanos, start);
            default -> TaskResponse.of(r, model, frames, decodeNanos, start);
        };
    }

    /**
     * The task's options from the stored fields. caption, vqa and classify also take their own endpoints' field names
     * (generation options as {@link GenerationParams}, {@code question}, comma-separated {@code labels}); any other
     * task's fields go to its descriptors as they are.
     */
    TaskOptions options(JobRequest r) {
        return switch (r.task()) {
            case "caption" -> TaskOptions.builder().generation(params(r).settings(limits)).build();
            case "vqa" -> TaskOptions.builder().questions(r.values("question").isEmpty() ? r.values("questions")
                    : r.values("question")).generation(params(r).settings(limits)).build();
            case "classify" -> TaskOptions.builder().labels(TaskController.splitLabels(r.values("labels")))
                    .prompt(r.value("prompt")).build();
            default -> tasks.options(r.task(), r.taskFields());
        };
    }

    /** The generation options among the form fields, as the synchronous endpoints bind them. */
    static GenerationParams params(JobRequest r) {
        return new GenerationParams(number(r, "max_new_tokens", Integer::valueOf), number(r, "num_beams",
                Integer::valueOf), number(r, "temperature", Double::valueOf), number(r, "top_k", Integer::valueOf),
                number(r, "top_p", Double::valueOf), number(r, "seed", Long::valueOf), bool(r, "do_sample"),
                number(r, "length_penalty", Double::valueOf), r.value("early_stopping"));
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
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ApiException.badOption(field + " must be true or false, got '" + v + "'");
        };
    }
}
