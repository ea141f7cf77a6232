package io.gitplatform.app.metrics;

import io.gitplatform.core.batch.BatchListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The serving meters, exported on {@code /actuator/prometheus}: task latency, tokens per second, batch sizes, queue
 * depth and errors. Names are dotted here and become {@code git_*} in Prometheus.
 */
@Component
public class ServingMetrics implements BatchListener {
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final DistributionSummary tokensPerSecond;
    private final Counter tokens;

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("git.batch.size")
                .description("requests served by one forward pass").register(registry);
        this.tokensPerSecond = DistributionSummary.builder("git.generation.tokens.per.second")
                .description("generated tokens per second of one batch, all its rows together").register(registry);
        this.tokens = Counter.builder("git.generation.tokens").description("tokens generated").register(registry);
    }

    /** Every forward pass of the platform's batcher, whichever entry point its requests came from. */
    @Override
    public void onBatch(int requests, long generatedTokens, long generateNanos) {
        batch(requests, generatedTokens, generateNanos);
    }

    /** Registers the queue-depth gauge (the platform's batcher owns the queue). */
    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("git.batch.queue.depth", depth).description("requests waiting for a batch")
                .strongReference(true).register(registry);
    }

    public void batch(int requests, long generatedTokens, long nanos) {
        batchSize.record(requests);
        tokens.increment(generatedTokens);
        if (nanos > 0) {
            tokensPerSecond.record(generatedTokens * 1e9 / nanos);
        }
    }

    /** One finished request: task (caption, ask, classify, chat, job) and outcome (ok or the error title). */
    public void request(String task, String outcome, long nanos) {
        Timer.builder("git.request.latency").description("time from request to result, queueing included")
                .tag("task", task).tag("outcome", outcome).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(nanos));
    }

    public void error(String type) {
        registry.counter("git.errors", "type", type).increment();
    }
}
