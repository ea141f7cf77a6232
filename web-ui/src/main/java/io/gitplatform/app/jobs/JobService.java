package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.Responses.AskResponse;
import io.gitplatform.app.api.Responses.CaptionResponse;
import io.gitplatform.app.api.Responses.ClassifyResponse;
import io.gitplatform.app.api.Responses.TaskResponse;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.engine.ModelNotReadyException;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.core.platform.TaskFailedException;
import io.gitplatform.core.platform.TaskTimeoutException;
import io.gitplatform.core.platform.UnknownTaskException;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.starter.autoconfigure.GitProperties;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Asynchronous jobs: a bounded store (finished jobs expire after {@code git.jobs.ttl}), a few workers that decode and
 * hand generation to the shared batcher, and a pusher that sends progress to server-sent-event subscribers every
 * 100 ms, so that token callbacks on the batcher's thread never block on a slow client.
 */
@Service
public class JobService implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    /** What a job does, checked before it is accepted: any task id with its options. */
    public record Spec(String task, byte[] bytes, String name, TaskOptions options) {
    }

    private final TaskService tasks;
    private final JobsProperties properties;
    private final GitProperties.Batching batching;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "git-job-events"));

    public JobService(TaskService tasks, JobsProperties properties, GitProperties git) {
        this.tasks = tasks;
        this.properties = properties;
        this.batching = git.getBatching();
        this.workers = Executors.newFixedThreadPool(Math.max(1, properties.workers()), r -> daemon(r, "git-job"));
        pusher.scheduleWithFixedDelay(this::push, 100, 100, TimeUnit.MILLISECONDS);
        pusher.scheduleWithFixedDelay(this::expire, 10, 10, TimeUnit.SECONDS);
    }

    public Job submit(Spec spec, int maxTokens) {
        expire();
        if (jobs.size() >= properties.maxJobs()) {
            jobs.values().stream().filter(j -> j.status().finished())
                    .min(Comparator.comparing(Job::finishedAt)).ifPresent(j -> forget(j.id()));
        }
        if (jobs.size() >= properties.maxJobs()) {
            throw new QueueFullException("the job store is full (" + properties.maxJobs() + " jobs running)",
                    batching.getRetryAfter());
        }
        Job job = new Job(UUID.randomUUID().toString(), spec.task(), maxTokens);
        jobs.put(job.id(), job);
        workers.execute(() -> run(job, spec));
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Cancels a job: the generation loop sees the flag before its next token. */
    public boolean cancel(Job job) {
        job.cancelFlag().cancel();
        return job.finish(JobStatus.CANCELLED, null, null);
    }

    /** A stream of {@code progress} events, then one final event named after the final status. */
    public SseEmitter events(Job job) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        List<SseEmitter> list = subscribers.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        emitter.onCompletion(() -> list.remove(emitter));
        emitter.onTimeout(() -> list.remove(emitter));
        emitter.onError(e -> list.remove(emitter));
        job.dirty.set(true); // the pusher sends the current state at once
        return emitter;
    }

    private void run(Job job, Spec spec) {
        try {
            if (job.cancelFlag().isCancelled()) {
                return;
            }
            job.status(JobStatus.DECODING);
            long start = System.nanoTime();
            Frames frames = tasks.decode(spec.bytes(), spec.name());
            job.framesDecoded(frames.count());
            long decodeNanos = System.nanoTime() - start;
            if (job.cancelFlag().isCancelled()) {
                return;
            }
            job.status(JobStatus.GENERATING);
            TaskResult r = tasks.run(spec.task(), frames, spec.options(), (row, token) -> job.token(),
                    ProgressListener.NONE, job.cancelFlag(), properties.timeout());
            if (job.cancelFlag().isCancelled()) {
                return;
            }
            String model = tasks.modelInfo().name();
            Object result = switch (spec.task()) {
                case "caption" -> CaptionResponse.of(r, model, frames, decodeNanos, start);
                case "vqa" -> AskResponse.of(r, model, frames, decodeNanos, start);
                case "classify" -> ClassifyResponse.of(r, model, spec.options().prompt(), frames, decodeNanos, start);
                default -> TaskResponse.of(r, model, frames, decodeNanos, start);
            };
            job.finish(JobStatus.SUCCEEDED, result, null);
        } catch (ApiException e) {
            job.finish(JobStatus.FAILED, null, problem(e.status().value(), e.title(), e.getMessage()));
        } catch (ModelNotReadyException e) {
            job.finish(JobStatus.FAILED, null, problem(503, "Model not ready", e.getMessage()));
        } catch (UnknownTaskException e) {
            job.finish(JobStatus.FAILED, null, problem(503, "Task not available", e.getMessage()));
        } catch (TaskTimeoutException e) {
            job.finish(JobStatus.FAILED, null, problem(504, "Request timed out", e.getMessage()));
        } catch (TaskFailedException e) {
            job.finish(JobStatus.FAILED, null, problem(500, "Task failed", e.getMessage()));
        } catch (RuntimeException e) {
            if (job.cancelFlag().isCancelled()) {
                return;
            }
            log.error("job {} failed", job.id(), e);
            job.finish(JobStatus.FAILED, null, problem(500, "Internal error", e.getClass().getSimpleName()));
        }
    }

    private static Map<String, Object> problem(int status, String title, String detail) {
        return Map.of("status", status, "title", title, "detail", detail == null ? "" : detail);
    }

    private void push() {
        for (Job job : jobs.values()) {
            List<SseEmitter> list = subscribers.get(job.id());
            if (list == null || list.isEmpty() || !job.dirty.getAndSet(false)) {
                continue;
            }
            boolean last = job.status().finished();
            JobView view = job.view(last);
            for (SseEmitter emitter : list) {
                try {
                    emitter.send(SseEmitter.event().name(last ? view.status() : "progress").id(job.id())
                            .data(view, MediaType.APPLICATION_JSON));
                    if (last) {
                        emitter.complete();
                    }
                } catch (IOException | IllegalStateException e) {
                    list.remove(emitter); // the client went away
                }
            }
        }
    }

    private void expire() {
        Instant cutoff = Instant.now().minus(properties.ttl());
        jobs.values().stream().filter(j -> j.status().finished() && j.finishedAt().isBefore(cutoff))
                .map(Job::id).toList().forEach(this::forget);
    }

    private void forget(String id) {
        jobs.remove(id);
        List<SseEmitter> list = subscribers.remove(id);
        if (list != null) {
            list.forEach(SseEmitter::complete);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        pusher.shutdownNow();
    }
}
