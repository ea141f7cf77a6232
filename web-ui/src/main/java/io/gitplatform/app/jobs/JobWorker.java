package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.engine.ModelNotReadyException;
import io.gitplatform.spi.CancellationFlag;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.ObjectMapper;

/**
 * This replica's share of the work: {@code concurrency} threads that claim jobs from the store (once the model is
 * loaded), run them through the {@link JobExecutor} and record the outcome, and a heartbeat that writes their progress
 * and extends their leases every poll interval. A heartbeat that finds the job no longer ours (cancelled from any
 * replica, or taken by another after our lease ran out) stops the run. Stopping hands running jobs back to the queue.
 */
public class JobWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    /** One job being run here: what its heartbeat writes, its parts, and the flags that stop it. */
    private final class Running implements JobProgress {
        final Claim claim;
        final CancellationFlag stop = new CancellationFlag();
        final AtomicBoolean handBack = new AtomicBoolean();
        final AtomicInteger tokens = new AtomicInteger();
        final List<JobPart> parts = new ArrayList<>(); // kept for the problem of a run that fails part-way
        volatile int frames;
        volatile JobStatus status = JobStatus.DECODING;
        int firstSeq = -1;

        Running(Claim claim) {
            this.claim = claim;
        }

        @Override
        public synchronized void part(String kind, String json) {
            if (parts.size() >= maxParts) {
                return; // the final result still has everything; stored parts stay bounded
            }
            try {
                if (firstSeq < 0) {
                    firstSeq = store.restartParts(claim.id());
                }
                int seq = firstSeq + parts.size();
                if (store.addPart(claim, seq, kind, json, System.currentTimeMillis())) {
                    parts.add(new JobPart(seq, kind, json));
                }
            } catch (RuntimeException e) {
                log.warn("job {}: a part was not stored ({})", claim.id(), e.toString());
            }
        }

        @Override
        public void step(JobStatus s) {
            status = s;
        }

        @Override
        public void framesDecoded(int n) {
            frames = n;
        }

        @Override
        public void token() {
            tokens.incrementAndGet();
        }
    }

    private final JobStore store;
    private final JobExecutor executor;
    private final ModelHolder model;
    private final JobsProperties.Worker config;
    private final ObjectMapper json;
    private final String owner;
    private final int maxParts;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean active;
    private ScheduledExecutorService heartbeat;

    public JobWorker(JobStore store, JobExecutor executor, ModelHolder model, JobsProperties properties,
            ObjectMapper json) {
        this.store = store;
        this.executor = executor;
        this.model = model;
        this.config = properties.worker();
        this.maxParts = properties.maxParts();
        this.json = json;
        this.owner = host() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This replica's name in the store's {@code owner} column. */
    public String owner() {
        return owner;
    }

    @Override
    public synchronized void start() {
        active = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "git-job-heartbeat"));
        long period = config.pollInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        for (int i = 0; i < Math.max(1, config.concurrency()); i++) {
            Thread t = daemon(this::loop, "git-job-" + i);
            threads.add(t);
            t.start();
        }
        log.info("job worker {} started: {} at once, lease {}", owner, config.concurrency(), config.lease());
    }

    /** Hands every running job back (lease released, attempt not counted), then stops. */
    @Override
    public synchronized void stop() {
        active = false;
        for (Running r : running.values()) {
            r.handBack.set(true);
            r.stop.cancel();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Running r : running.values()) { // a run deaf to its stop flag: its later write will find the job gone
            release(r);
        }
        threads.clear();
        heartbeat.shutdownNow();
        log.info("job worker {} stopped", owner);
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    private void loop() {
        while (active) {
            Optional<Claim> claim = Optional.empty();
            try {
                if (model.ready()) {
                    long now = System.currentTimeMillis();
                    claim = store.claim(owner, now, now + config.lease().toMillis(), config.maxAttempts());
                }
            } catch (RuntimeException e) {
                log.warn("job worker {} could not claim a job: {}", owner, e.toString());
            }
            if (claim.isPresent()) {
                run(claim.get());
            } else {
                sleep(config.pollInterval().toMillis());
            }
        }
    }

    private void run(Claim claim) {
        Running r = new Running(claim);
        running.put(claim.id(), r);
        if (!active) {
            r.handBack.set(true);
        }
        try {
            log.info("job {} ({}) attempt {} runs on {}", claim.id(), claim.request().task(), claim.attempt(), owner);
            Object result = r.handBack.get() ? null : executor.execute(claim.request(), r, r.stop);
            if (!r.stop.isCancelled()) {
                finish(r, JobStatus.SUCCEEDED, json.writeValueAsString(result), null);
            }
        } catch (ApiException e) {
            finishUnlessStopped(r, problem(e.status().value(), e.title(), e.getMessage(), r.parts));
        } catch (ModelNotReadyException e) {
            r.handBack.set(true); // a reload in progress: another try once the model is back
        } catch (RuntimeException e) {
            if (!r.stop.isCancelled()) {
                log.error("job {} failed", claim.id(), e);
                finish(r, JobStatus.FAILED, null, problem(500, "Internal error", e.getClass().getSimpleName(),
                        List.of()));
            }
        } finally {
            if (r.handBack.get()) {
                release(r);
            }
            running.remove(claim.id());
        }
    }

    private void finishUnlessStopped(Running r, String problem) {
        if (!r.stop.isCancelled()) {
            finish(r, JobStatus.FAILED, null, problem);
        }
    }

    private void finish(Running r, JobStatus status, String result, String error) {
        r.stop.cancel(); // the heartbeat leaves it alone from here
        try {
            if (store.complete(r.claim, status, r.frames, r.tokens.get(), result, error, System.currentTimeMillis())) {
                log.info("job {} {} (attempt {}) on {}", r.claim.id(), status.name().toLowerCase(java.util.Locale.ROOT),
                        r.claim.attempt(), owner);
            } else {
                log.info("job {} attempt {} finished on {} after it was cancelled or taken over; outcome dropped",
                        r.claim.id(), r.claim.attempt(), owner);
            }
        } catch (RuntimeException e) {
            // The store is unreachable: the lease runs out and the job is run again.
            log.warn("job {} outcome not recorded: {}", r.claim.id(), e.toString());
        }
    }

    private void release(Running r) {
        try {
            if (store.release(r.claim, System.currentTimeMillis())) {
                log.info("job {} handed back to the queue by {}", r.claim.id(), owner);
            }
        } catch (RuntimeException e) {
            log.warn("job {} not handed back ({}): its lease will run out", r.claim.id(), e.toString());
        }
    }

    private void beat() {
        long now = System.currentTimeMillis();
        for (Running r : running.values()) {
            if (r.stop.isCancelled()) {
                continue;
            }
            try {
                if (!store.heartbeat(r.claim, r.status, r.frames, r.tokens.get(), now, now + config.lease().toMillis())) {
                    log.info("job {} is no longer {}'s to run (cancelled or taken over): stopping it", r.claim.id(),
                            owner);
                    r.stop.cancel();
                }
            } catch (RuntimeException e) {
                log.warn("job {} heartbeat failed: {}", r.claim.id(), e.toString());
            }
        }
    }

    /**
     * The stored problem. A run that failed part-way keeps the parts it reported, by kind in the plural (a timeline's
     * {@code segments} so far), as the synchronous endpoint's problem does.
     */
    private String problem(int status, String title, String detail, List<JobPart> parts) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(Map.of("status", status, "title", title, "detail",
                detail == null ? "" : detail));
        for (JobPart part : parts) {
            @SuppressWarnings("unchecked")
            List<Object> kind = (List<Object>) p.computeIfAbsent(part.kind() + "s", k -> new ArrayList<>());
            kind.add(json.readTree(part.body()));
        }
        return json.writeValueAsString(p);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String host() {
        String env = System.getenv("HOSTNAME"); // the pod name under Kubernetes
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
