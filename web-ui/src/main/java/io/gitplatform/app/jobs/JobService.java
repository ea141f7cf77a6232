package io.gitplatform.app.jobs;

import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.starter.autoconfigure.GitProperties;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Jobs as clients see them, on any replica: accepted into the shared store (the 202 is sent once the row is
 * committed), read back from it, cancelled in it, and followed as server-sent events by polling it every 250 ms, so
 * a client may watch a job that another replica runs. Finished jobs are purged after {@code git.jobs.retention}.
 */
public class JobService implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobStore store;
    private final JobExecutor executor;
    private final JobsProperties properties;
    private final GitProperties.Batching batching;
    private final ObjectMapper json;
    /** Per job: its subscribers and the version ({@code updated_at}) they were last sent. */
    private final Map<String, Subscribers> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "git-job-events");
        t.setDaemon(true);
        return t;
    });

    private static final class Subscribers {
        final List<Subscriber> emitters = new CopyOnWriteArrayList<>();
        volatile long sentVersion = -1;
    }

    /** One client: its emitter and the last part it was sent (a newcomer starts from the first). */
    private static final class Subscriber {
        final SseEmitter emitter;
        volatile int sentPart = -1;

        Subscriber(SseEmitter emitter) {
            this.emitter = emitter;
        }
    }

    public JobService(JobStore store, JobExecutor executor, JobsProperties properties, GitProperties.Batching batching,
            ObjectMapper json) {
        this.store = store;
        this.executor = executor;
        this.properties = properties;
        this.batching = batching;
        this.json = json;
        pusher.scheduleWithFixedDelay(this::push, 250, 250, TimeUnit.MILLISECONDS);
        pusher.scheduleWithFixedDelay(this::purge, 0, 60, TimeUnit.SECONDS);
    }

    /** Checks the request, then stores it as queued; the job as stored. */
    public JobView submit(JobRequest request) {
        int maxTokens = executor.check(request);
        if (store.unfinished() >= properties.maxJobs()) {
            throw new QueueFullException("the job queue is full (" + properties.maxJobs() + " jobs not finished)",
                    batching.getRetryAfter());
        }
        String id = UUID.randomUUID().toString();
        store.insert(id, request, maxTokens, System.currentTimeMillis());
        return view(store.find(id).orElseThrow(), false);
    }

    public Optional<StoredJob> find(String id) {
        return store.find(id);
    }

    /** Cancels a job wherever it runs (its replica's next heartbeat stops it); false once finished. */
    public boolean cancel(String id) {
        return store.cancel(id, System.currentTimeMillis());
    }

    /** Jobs accepted and not finished, across replicas. */
    public int depth() {
        return store.unfinished();
    }

    /**
     * A stream of {@code progress} events and the task's partial results as they are stored (a timeline's
     * {@code segment} events, each its JSON; a late subscriber gets those so far first), then one final event named
     * after the final status.
     */
    public SseEmitter events(String id) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Subscribers s = subscribers.computeIfAbsent(id, k -> new Subscribers());
        Subscriber subscriber = new Subscriber(emitter);
        s.emitters.add(subscriber);
        s.sentVersion = -1; // the newcomer gets the current state at once
        emitter.onCompletion(() -> s.emitters.remove(subscriber));
        emitter.onTimeout(() -> s.emitters.remove(subscriber));
        emitter.onError(e -> s.emitters.remove(subscriber));
        return emitter;
    }

    /** The JSON view: progress counts frames decoded and tokens generated (beam search reports at the end). */
    public JobView view(StoredJob job, boolean withResult) {
        return new JobView(job.id(), job.task(), job.status().name().toLowerCase(Locale.ROOT),
                Instant.ofEpochMilli(job.createdAt()), job.finishedAt() == null ? null
                        : Instant.ofEpochMilli(job.finishedAt()),
                new JobView.Progress(job.framesDecoded(), job.tokensGenerated(), job.maxTokens()),
                withResult ? parse(job.result()) : null, parse(job.error()));
    }

    private JsonNode parse(String text) {
        return text == null ? null : json.readTree(text);
    }

    private void push() {
        for (Map.Entry<String, Subscribers> e : subscribers.entrySet()) {
            Subscribers s = e.getValue();
            if (s.emitters.isEmpty()) {
                subscribers.remove(e.getKey(), s);
                continue;
            }
            try {
                Optional<StoredJob> found = store.find(e.getKey());
                if (found.isEmpty()) { // purged
                    s.emitters.forEach(sub -> sub.emitter.complete());
                    subscribers.remove(e.getKey());
                    continue;
                }
                StoredJob job = found.get();
                sendParts(s, e.getKey()); // read after the row: parts stored before it finished go before the end
                if (job.updatedAt() == s.sentVersion) {
                    continue;
                }
                s.sentVersion = job.updatedAt();
                boolean last = job.status().finished();
                JobView view = view(job, last);
                for (Subscriber sub : s.emitters) {
                    send(s, sub, view, last);
                }
                if (last) {
                    subscribers.remove(e.getKey());
                }
            } catch (RuntimeException ex) {
                log.warn("job {} events: {}", e.getKey(), ex.toString()); // the store is away: try again next tick
            }
        }
    }

    /** Each subscriber's parts it has not been sent yet, in order, one event each named by its kind. */
    private void sendParts(Subscribers s, String id) {
        int from = s.emitters.stream().mapToInt(sub -> sub.sentPart).min().orElse(Integer.MAX_VALUE);
        if (from == Integer.MAX_VALUE) {
            return;
        }
        List<JobPart> parts = store.parts(id, from);
        for (Subscriber sub : s.emitters) {
            for (JobPart part : parts) {
                if (part.seq() <= sub.sentPart) {
                    continue;
                }
                try {
                    sub.emitter.send(SseEmitter.event().name(part.kind()).id(id + "/" + part.seq())
                            .data(json.readTree(part.body()), MediaType.APPLICATION_JSON));
                    sub.sentPart = part.seq();
                } catch (IOException | IllegalStateException e) {
                    s.emitters.remove(sub); // the client went away
                    break;
                }
            }
        }
    }

    private static void send(Subscribers s, Subscriber sub, JobView view, boolean last) {
        try {
            sub.emitter.send(SseEmitter.event().name(last ? view.status() : "progress").id(view.id())
                    .data(view, MediaType.APPLICATION_JSON));
            if (last) {
                sub.emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            s.emitters.remove(sub); // the client went away
        }
    }

    private void purge() {
        try {
            int n = store.purge(System.currentTimeMillis() - properties.retention().toMillis());
            if (n > 0) {
                log.info("purged {} finished jobs older than {}", n, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("job purge failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        pusher.shutdownNow();
        subscribers.values().forEach(s -> s.emitters.forEach(sub -> sub.emitter.complete()));
    }
}
