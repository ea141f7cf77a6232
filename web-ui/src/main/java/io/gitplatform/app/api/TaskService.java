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
    private final ModelHolder model;
    private final MediaService media;
    private final Limits limits;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "git-request-timeout");
        t.setDaemon(true);
        return t;
    });

    public TaskService(ModelHolder model, MediaService media, Limits limits) {
        this.model = model;
        this.media = media;
        this.limits = limits;
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
            return model.platform().options(taskId, fields);
        } catch (UnknownTaskException e) {
            throw notAvailable(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption(e.getMessage());
        }
    }

    /** Runs a task within the server's request timeout (then 504, and the work is cancelled). */
    public TaskResult run(String taskId, Frames frames, TaskOptions options) {
        return run(taskId, frames, options, TokenListener.NONE, ProgressListener.NONE, new CancellationFlag(),
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
        try {
            TaskResult result = model.withPlatform(p -> p.run(taskId,
                    new TaskRequest(input(frames), options, tokens, cancel, progress)));
            if (timedOut.get()) {
                throw timedOut(timeout);
            }
            return result;
        } catch (UnknownTaskException e) {
            throw notAvailable(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badOption(e.getMessage());
        } catch (java.util.concurrent.CancellationException e) {
            throw timedOut.get() ? timedOut(timeout) : e;
        } finally {
            alarm.cancel(false);
        }
    }

    public static TaskInput input(Frames frames) {
        return new TaskInput(frames.images(), frames.video(), frames.timestamps());
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
