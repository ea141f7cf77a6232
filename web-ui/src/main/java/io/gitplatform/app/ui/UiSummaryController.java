package io.gitplatform.app.ui;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.platform.GitPlatform;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard polls: the model, its backend and plugins, memory, uptime, and cumulative request, latency and
 * token counters (the page turns deltas between polls into rates, so the server keeps no time series). Read-only.
 */
@RestController
@Tag(name = "ui", description = "Read-only views for the admin web UI")
public class UiSummaryController {
    /** The URIs that run the model; the dashboard's own polls and admin calls are not traffic. */
    static final Set<String> MODEL_URIS = Set.of("/api/v1/caption", "/api/v1/ask", "/api/v1/classify",
            "/api/v1/jobs", "/v1/chat/completions");

    private final ModelHolder model;
    private final MeterRegistry registry;

    public UiSummaryController(ModelHolder model, MeterRegistry registry) {
        this.model = model;
        this.registry = registry;
    }

    @GetMapping(path = "/api/v1/ui/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Model, backend, memory, uptime and cumulative traffic counters for the dashboard")
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", Instant.now().toEpochMilli());
        out.put("model", modelInfo());
        out.put("memory", memory());
        var runtime = ManagementFactory.getRuntimeMXBean();
        out.put("uptime_ms", runtime.getUptime());
        out.put("started_at", Instant.ofEpochMilli(runtime.getStartTime()));
        out.put("traffic", traffic());
        return out;
    }

    private Map<String, Object> modelInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", model.state());
        if (!model.ready()) {
            return m;
        }
        GitPlatform platform = model.platform();
        GitPipeline p = platform.pipeline();
        m.put("name", p.folder().name());
        m.put("source", p.folder().source());
        m.put("parameters", p.parameterCount());
        m.put("dtype", p.settings().dtype().name().toLowerCase(Locale.ROOT));
        m.put("frames", p.videoFrames());
        m.put("image_size", p.processor().height() + "x" + p.processor().width());
        m.put("layers", p.folder().config().num_hidden_layers());
        m.put("hidden_size", p.folder().config().hidden_size());
        Engine engine = Engine.getInstance(); // loaded already: the model runs on it
        m.put("backend", Map.of("id", platform.backend().id(),
                "engine", engine.getEngineName() + " " + engine.getVersion(),
                "device", device(p.settings().device()),
                "threads", p.settings().threads() == 0 ? "engine default" : p.settings().threads()));
        m.put("plugins", platform.plugins().plugins().stream()
                .map(i -> Map.of("id", i.id(), "version", String.valueOf(i.version()), "state", i.state())).toList());
        return m;
    }

    /** {@code cpu} or {@code gpu:0} (DJL prints {@code cpu()}). */
    private static String device(Device d) {
        return d.getDeviceType() + (d.getDeviceId() >= 0 ? ":" + d.getDeviceId() : "");
    }

    private static Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        var mx = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = mx.getHeapMemoryUsage();
        m.put("heap_used", heap.getUsed());
        m.put("heap_max", heap.getMax());
        m.put("non_heap_used", mx.getNonHeapMemoryUsage().getUsed());
        // Weights are memory-mapped and tensors live in native memory: both are outside the heap.
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct") || pool.getName().equals("mapped")) {
                m.put(pool.getName() + "_buffers", pool.getMemoryUsed());
            }
        }
        m.put("process_rss", processRss());
        return m;
    }

    /** The resident set size from /proc (Linux), or -1 elsewhere. */
    private static long processRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the page shows the JVM's figures only
        }
        return -1;
    }

    private Map<String, Object> traffic() {
        long requests = 0;
        long errors = 0;
        double latencyMs = 0;
        for (Timer t : registry.find("http.server.requests").timers()) {
            if (MODEL_URIS.contains(t.getId().getTag("uri"))) {
                requests += t.count();
                latencyMs += t.totalTime(TimeUnit.MILLISECONDS);
                String outcome = t.getId().getTag("outcome");
                if (outcome != null && !outcome.equals("SUCCESS")) {
                    errors += t.count();
                }
            }
        }
        var tokens = registry.find("git.generation.tokens").counter();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests);
        m.put("errors", errors);
        m.put("latency_total_ms", latencyMs);
        m.put("tokens", tokens == null ? 0 : (long) tokens.count());
        return m;
    }
}
