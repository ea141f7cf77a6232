package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A soak of the packaged server in its own process: {@code soak.requests} requests (150 in CI; 1000 with
 * {@code -Dsoak.requests=1000}) at concurrency 4, a mix of MP4 captions, questions and streamed chat completions, each
 * checked against its reference answer. The server's resident memory after warm-up may grow by less than 5%. The heap
 * is fixed and pre-touched ({@code -Xms=-Xmx}, {@code AlwaysPreTouch}) so that its sizing cannot pass for growth: what
 * can grow is native memory (PyTorch, FFmpeg, the tokenizer), metaspace, threads and code.
 */
class SoakIT {
    static final int REQUESTS = Integer.getInteger("soak.requests", 150);
    static final int WARMUP = Integer.getInteger("soak.warmup", 60);
    static final int CONCURRENCY = 4;
    static final double MAX_GROWTH = 0.05;

    @Test
    void answersStayRightAndResidentMemoryStaysFlat() throws Exception {
        try (ServerProcess server = ServerProcess.start("soak", List.of("-Xms384m", "-Xmx384m",
                "-XX:+AlwaysPreTouch"))) {
            Http http = server.http();
            server.awaitReady();
            String image = Samples.named("image0").referenceCaption();
            run(http, WARMUP, image);
            long baseline = settledRss(server);
            List<Long> samples = new ArrayList<>();
            for (int done = 0; done < REQUESTS; done += 50) {
                run(http, Math.min(50, REQUESTS - done), image);
                samples.add(server.rssKib());
            }
            long end = settledRss(server);
            double growth = (end - baseline) / (double) baseline;
            String figures = String.format(Locale.ROOT, "soak: %d requests after %d warm-up at concurrency %d;"
                    + " VmRSS after warm-up %.1f MiB, at the end %.1f MiB (%+.2f%%), samples %s KiB", REQUESTS,
                    WARMUP, CONCURRENCY, baseline / 1024.0, end / 1024.0, growth * 100, samples);
            System.out.println(figures);
            Files.writeString(Path.of("target", "soak-figures.txt"), figures + System.lineSeparator());
            assertThat(server.alive()).isTrue();
            assertThat(growth).as(figures).isLessThan(MAX_GROWTH);
        }
    }

    /** {@code n} requests at {@link #CONCURRENCY}, cycling through the three kinds, every answer checked. */
    private static void run(Http http, int n, String imageCaption) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int kind = i % 3;
                calls.add(pool.submit(() -> {
                    switch (kind) {
                        case 0 -> assertThat(caption(http)).isEqualTo("a blue circle moving up");
                        case 1 -> assertThat(shape(http)).isEqualTo("circle");
                        default -> assertThat(streamedCaption(http)).isEqualTo(imageCaption);
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String caption(Http http) {
        HttpResponse<String> r = http.post("/api/v1/caption", Http.form().file("clip0.mp4", BadInputs.clip0()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("caption").asString();
    }

    private static String shape(Http http) {
        HttpResponse<String> r = http.post("/api/v1/ask", Http.form().file("clip0.mp4", BadInputs.clip0())
                .field("question", "what shape is it?"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).at("/answers/0/answer").asString();
    }

    private static String streamedCaption(Http http) {
        HttpResponse<String> r = http.postJson("/v1/chat/completions", Map.of("model", "default", "stream", true, "messages",
                List.of(Map.of("role", "user", "content", List.of(Map.of("type", "image_url", "image_url",
                        Map.of("url", BadInputs.dataUrl("image/png", Samples.png("image0", 0)))))))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        for (String data : Http.sseData(r.body())) {
            if (!data.equals("[DONE]")) {
                JsonNode chunk = Http.JSON.readTree(data);
                text.append(chunk.at("/choices/0/delta/content").asString(""));
            }
        }
        return text.toString();
    }

    /** The larger of two readings a second apart, after the requests in flight are done. */
    private static long settledRss(ServerProcess server) throws InterruptedException {
        Thread.sleep(1000);
        long first = server.rssKib();
        Thread.sleep(1000);
        return Math.max(first, server.rssKib());
    }
}
