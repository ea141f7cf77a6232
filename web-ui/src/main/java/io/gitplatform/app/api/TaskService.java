package io.gitplatform.app.api;

import io.gitplatform.app.api.Responses.Answer;
import io.gitplatform.app.api.Responses.AskResponse;
import io.gitplatform.app.api.Responses.CaptionResponse;
import io.gitplatform.app.api.Responses.ClassifyResponse;
import io.gitplatform.app.api.Responses.LabelScore;
import io.gitplatform.app.api.Responses.MediaInfo;
import io.gitplatform.app.api.Responses.Timings;
import io.gitplatform.app.batch.BatchResult;
import io.gitplatform.app.batch.Batcher;
import io.gitplatform.app.batch.GenerationTask;
import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.app.media.MediaService;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.TokenListener;
import io.gitplatform.core.platform.UnknownTaskException;
import io.gitplatform.core.spi.TaskInput;
import io.gitplatform.core.spi.TaskOptions;
import io.gitplatform.core.spi.TaskRequest;
import io.gitplatform.core.spi.TaskResult;
import io.gitplatform.core.pipeline.TextResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The tasks behind every front door (REST, OpenAI-compatible chat, jobs): decode, validate, generate, report. */
@Service
public class TaskService {
    private final ModelHolder model;
    private final MediaService media;
    private final Batcher batcher;
    private final LimitsProperties limits;

    public TaskService(ModelHolder model, MediaService media, Batcher batcher, LimitsProperties limits) {
        this.model = model;
        this.media = media;
        this.batcher = batcher;
        this.limits = limits;
    }

    /** An upload decoded to the frames this model takes (a video sampled to the model's frame count). */
    public Frames decode(byte[] bytes, String name) {
        return media.decode(bytes, name, model.pipeline().videoFrames());
    }

    public GenerationOptions options(GenerationParams params) {
        return (params == null ? GenerationParams.NONE : params).resolve(model.pipeline().defaultOptions(), limits);
    }

    public List<String> questions(List<String> questions) {
        if (questions == null || questions.stream().allMatch(q -> q == null || q.isBlank())) {
            throw ApiException.badOption("ask needs at least one non-empty 'question'");
        }
        if (questions.size() > limits.maxQuestions()) {
            throw ApiException.badOption(questions.size() + " questions, more than the limit of "
                    + limits.maxQuestions());
        }
        for (String q : questions) {
            text("question", q);
        }
        return questions;
    }

    /** Labels from repeated parameters, each of which may also be a comma-separated list. */
    public List<String> labels(List<String> labels) {
        List<String> out = new ArrayList<>();
        if (labels != null) {
            for (String l : labels) {
                for (String part : l.split(",")) {
                    if (!part.isBlank()) {
                        out.add(text("label", part.strip()));
                    }
                }
            }
        }
        if (out.size() < 2) {
            throw ApiException.badOption("classify needs at least two labels, got " + out.size());
        }
        if (out.size() > limits.maxLabels()) {
            throw ApiException.badOption(out.size() + " labels, more than the limit of " + limits.maxLabels());
        }
        return out;
    }

    private String text(String what, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badOption("a " + what + " must not be empty");
        }
        if (value.length() > limits.maxQuestionLength()) {
            throw ApiException.badOption("a " + what + " of " + value.length() + " characters is over the limit of "
                    + limits.maxQuestionLength());
        }
        return value;
    }

    /** Queues a generation and waits for it within the request timeout (then 504, and the work is cancelled). */
    public BatchResult generate(GenerationTask task) {
        return await(batcher.submit(task), task.cancelled(), limits.requestTimeout());
    }

    /** Waits for a queued generation; a timeout cancels it. */
    public static BatchResult await(CompletableFuture<BatchResult> future, AtomicBoolean cancelled, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancelled.set(true);
            future.cancel(false);
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "Request timed out",
                    "the request took longer than the limit of " + timeout.toMillis() + " ms and was cancelled");
        } catch (InterruptedException e) {
            cancelled.set(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public CaptionResponse caption(Frames frames, GenerationOptions options, long decodeNanos, long start) {
        return captionResponse(generate(GenerationTask.caption(frames, options, TokenListener.NONE)), frames,
                decodeNanos, start);
    }

    public static CaptionResponse captionResponse(BatchResult r, Frames frames, long decodeNanos, long start) {
        TextResult t = r.results().get(0);
        return new CaptionResponse("caption", r.model(), t.text(), finish(t), t.completionTokens(), r.batchSize(),
                MediaInfo.of(frames), timings(decodeNanos, r, start));
    }

    public AskResponse ask(Frames frames, List<String> questions, GenerationOptions options, long decodeNanos,
            long start) {
        BatchResult r = generate(GenerationTask.ask(frames, questions, options, TokenListener.NONE));
        return askResponse(questions, r, frames, decodeNanos, start);
    }

    public static AskResponse askResponse(List<String> questions, BatchResult r, Frames frames, long decodeNanos,
            long start) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            TextResult t = r.results().get(i);
            answers.add(new Answer(questions.get(i), t.text(), finish(t), t.completionTokens()));
        }
        return new AskResponse("ask", r.model(), answers, r.batchSize(), MediaInfo.of(frames),
                timings(decodeNanos, r, start));
    }

    /**
     * Classification by generation through the task plugin {@code classify}: every label scored after the prompt (or
     * in the caption's slots without one) against one encoding of the input.
     */
    public ClassifyResponse classify(Frames frames, String prompt, List<String> labels, long decodeNanos, long start) {
        if (prompt != null && !prompt.isBlank()) {
            text("prompt", prompt);
        }
        TaskOptions options = TaskOptions.builder().labels(labels).prompt(prompt).build();
        TaskInput input = new TaskInput(frames.images(), frames.video(), frames.timestamps());
        return model.withPlatform(p -> {
            TaskResult r;
            try {
                r = p.run("classify", TaskRequest.of(input, options));
            } catch (UnknownTaskException e) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Task not available", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ApiException.badOption(e.getMessage());
            }
            List<LabelScore> ranked = r.labels().stream()
                    .map(l -> new LabelScore(l.label(), l.logLikelihood(), l.probability())).toList();
            long encode = r.timings().encode().toNanos();
            return new ClassifyResponse("classify", p.pipeline().folder().name(), options.prompt(), ranked,
                    MediaInfo.of(frames), new Timings(ms(decodeNanos), 0, ms(encode),
                            ms(r.timings().total().toNanos() - encode), ms(System.nanoTime() - start)));
        });
    }

    public static String finish(TextResult t) {
        return t.finish().name().toLowerCase(Locale.ROOT);
    }

    static Timings timings(long decodeNanos, BatchResult r, long start) {
        return new Timings(ms(decodeNanos), ms(r.queueNanos()), ms(r.encodeNanos()), ms(r.generateNanos()),
                ms(System.nanoTime() - start));
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
