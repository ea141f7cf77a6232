package io.gitplatform.app.api;

import io.gitplatform.app.config.Limits;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.app.media.MediaService;
import io.gitplatform.core.platform.UnknownTaskException;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ModelInfo;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TokenListener;
import io.gitplatform.app.config.ApiSecurityProperties;
import io.gitplatform.app.openai.AllowedUrls;
import io.gitplatform.core.media.SourceFailure;
import io.gitplatform.core.media.StreamVideoSource;
import io.gitplatform.core.platform.Problem;
import io.gitplatform.spi.RgbImage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Every task the server runs, from every front door (REST, the OpenAI-compatible endpoint, jobs, the try page), goes
 * through here to the task head that serves it: decode the upload, check the options against the task's descriptors,
 * run the head under the request's time budget. Batching happens below the heads, in the platform.
 */
@Service
public class TaskService implements DisposableBean {
    /** Tasks that read a whole video from its source, and so can read a live stream. */
    private static final java.util.Set<String> STREAM_TASKS = java.util.Set.of("timeline");
    private static final String MAX_SEGMENTS = "max-segments";
    private final ModelHolder model;
    private final MediaService media;
    private final Limits limits;
    private final ApiSecurityProperties security;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "git-request-timeout");
        t.setDaemon(true);
        return t;
    });

    public TaskService(ModelHolder model, MediaService media, Limits limits, ApiSecurityProperties security) {
        this.model = model;
        this.media = media;
        this.limits = limits;
        this.security = security;
    }

    /**
     * A live stream URL (the {@code url} field) as the input of a task that reads the whole video (timeline): 400
     * unless it is inside {@code git.security.allowed-stream-url-prefixes} (empty by default) and the task reads
     * streams. It is opened when the task reads it; {@code stop} ends the reading at once (cancel, timeout).
     */
    public Frames stream(String taskId, String url, CancellationFlag stop) {
        if (!STREAM_TASKS.contains(taskId)) {
            throw ApiException.badOption("the url field (a live stream) is read by the timeline task only, not by '"
                    + taskId + "': send the media as the file field");
        }
        URI allowed = AllowedUrls.checkStream(url, security.allowedStreamUrlPrefixes()).orElseThrow(() ->
                new ApiException(HttpStatus.BAD_REQUEST, "Stream URL not allowed", "'" + url + "' is not inside "
                        + "git.security.allowed-stream-url-prefixes " + security.allowedStreamUrlPrefixes()
                        + " (empty by default: the server reads no URL it was not told to)"));
        StreamVideoSource source = new StreamVideoSource(allowed.toString(), limits.media(), limits.streamStall(),
                stop);
        // The head reads only the source; the one frame stands in for the sampled frames a stream does not have.
        return new Frames(List.of(new RgbImage(1, 1, new byte[3])), true, new long[] {0}, new double[] {0}, "stream",
                source);
    }

    /** An upload decoded to the frames this model takes (a video sampled to the model's frame count). */
    public Frames decode(byte[] bytes, String name) {
        return media.decode(bytes, name, model.pipeline().videoFrames());
    }

    /** The model the tasks run on. */
    public ModelInfo modelInfo() {
        return model.platform().model();
    }

    /**
     * A request's options from text fields, checked against the task's descriptors: 400 naming the option, 503 when
     * no plugin serves the task.
     */
    public TaskOptions options(String taskId, Map<String, List<String>> fields) {
        try {
            return model.platform().options(taskId, withSegmentLimit(taskId, fields));
        } catch (UnknownTaskException e) {
            throw notAvailable(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption(e.getMessage());
        }
    }

    /**
     * {@code git.limits.max-segments} on a task with a {@code max-segments} option: the default when the request sets
     * none, a 400 when it asks for more.
     */
    private Map<String, List<String>> withSegmentLimit(String taskId, Map<String, List<String>> fields) {
        boolean segmented = model.platform().tasks().stream().filter(t -> t.id().equals(taskId))
                .flatMap(t -> t.options().stream()).anyMatch(o -> o.name().equals(MAX_SEGMENTS));
        if (!segmented) {
            return fields;
        }
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(fields);
        List<String> asked = out.get(MAX_SEGMENTS);
        if (asked == null || asked.isEmpty()) {
            out.put(MAX_SEGMENTS, List.of(Integer.toString(limits.maxSegments())));
            return out;
        }
        try {
            if (Double.parseDouble(asked.get(0).strip()) > limits.maxSegments()) {
                throw ApiException.badOption("max-segments " + asked.get(0).strip() + " is more than the server's limit"
                        + " of " + limits.maxSegments() + " (git.limits.max-segments)");
            }
        } catch (NumberFormatException e) {
            // the descriptors say why
        }
        return out;
    }

    /** Runs a task within the server's request timeout (then 504, and the work is cancelled). */
    public TaskResult run(String taskId, Frames frames, TaskOptions options) {
        return run(taskId, frames, options, new CancellationFlag());
    }

    /** {@link #run(String, Frames, TaskOptions)} with the flag a stream input was opened with. */
    public TaskResult run(String taskId, Frames frames, TaskOptions options, CancellationFlag cancel) {
        return run(taskId, frames, options, TokenListener.NONE, ProgressListener.NONE, cancel,
                limits.requestTimeout());
    }

    /**
     * Runs a task through its head. When {@code timeout} passes, the request is cancelled (generation stops at its
     * next token) and answered 504.
     */
    public TaskResult run(String taskId, Frames frames, TaskOptions options, TokenListener tokens,
            ProgressListener progress, CancellationFlag cancel, Duration timeout) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            timedOut.set(true);
            cancel.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        PartsSoFar parts = new PartsSoFar(progress, limits.maxSegments());
        try {
            TaskResult result = model.withPlatform(p -> p.run(taskId,
                    new TaskRequest(input(frames), options, tokens, cancel, parts)));
            if (timedOut.get()) {
                throw parts.attachTo(timedOut(timeout));
            }
            return result;
        } catch (UnknownTaskException e) {
            throw notAvailable(e);
        } catch (IllegalArgumentException e) {
            throw parts.attachTo(sourceProblem(frames).orElseGet(() -> ApiException.badOption(e.getMessage())));
        } catch (java.util.concurrent.CancellationException e) {
            throw timedOut.get() ? parts.attachTo(timedOut(timeout)) : e;
        } finally {
            alarm.cancel(false);
        }
    }

    /**
     * Why the video could not be read, when its source says (a stall, a broken stream, a decode timeout, a stream past
     * the duration limit): the plugin boundary passes a head's message on, not the cause.
     */
    private static java.util.Optional<ApiException> sourceProblem(Frames frames) {
        if (frames.source() instanceof SourceFailure s && s.failure() != null) {
            Problem p = Problem.of(s.failure());
            return java.util.Optional.of(new ApiException(HttpStatus.valueOf(p.status()), p.title(), p.detail()));
        }
        return java.util.Optional.empty();
    }

    public static TaskInput input(Frames frames) {
        return new TaskInput(frames.images(), frames.video(), frames.timestamps(), frames.source());
    }

    static ApiException notAvailable(UnknownTaskException e) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Task not available", e.getMessage());
    }

    private static ApiException timedOut(Duration timeout) {
        return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "Request timed out",
                "the request took longer than the limit of " + timeout.toMillis() + " ms and was cancelled");
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
