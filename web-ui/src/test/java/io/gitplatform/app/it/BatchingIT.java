package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import io.gitplatform.app.it.Samples.Sample;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Dynamic batching under load: 200 caption and question requests at concurrency 16 all get the answer their input
 * gets alone, while the batch-size metric shows that requests really shared forward passes.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.backend.threads=1", "git.batching.enabled=true", "git.batching.max-batch-size=8",
                "git.batching.max-wait=20ms"})
class BatchingIT {
    static final int REQUESTS = 200;
    static final int CONCURRENCY = 16;

    @LocalServerPort
    int port;

    /** One request: a caption when question is null, else an answer. */
    record Call(Sample sample, String question) {
        String key() {
            return sample.name() + "|" + question;
        }
    }

    static String question(Sample s) {
        return s.video() ? "what shape is it?" : "what color is the background?";
    }

    static String label(Sample s) {
        return s.video() ? s.labels().get("shape") : s.labels().get("bg");
    }

    private static String send(Http http, Call c) {
        Http.Form form = Http.form().file(Samples.fileName(c.sample()), Samples.media(c.sample()));
        if (c.question() != null) {
            form.field("question", c.question());
        }
        HttpResponse<String> r = http.post(c.question() == null ? "/api/v1/caption" : "/api/v1/ask", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Http.json(r);
        return c.question() == null ? body.get("caption").asString() : body.at("/answers/0/answer").asString();
    }

    private static double[] batchSizes(Http http) {
        JsonNode m = Http.json(http.get("/actuator/metrics/git.batch.size"));
        double count = 0;
        double total = 0;
        for (JsonNode s : m.get("measurements")) {
            switch (s.get("statistic").asString()) {
                case "COUNT" -> count = s.get("value").asDouble();
                case "TOTAL" -> total = s.get("value").asDouble();
                default -> { }
            }
        }
        return new double[] {count, total};
    }

    @Test
    void concurrentRequestsAreBatchedAndEachGetsWhatItGetsAlone() throws Exception {
        Http http = new Http(port);
        http.awaitReady();
        List<Sample> samples = Samples.all();

        // Alone: one request at a time, so every batch has one request.
        Map<String, String> alone = new HashMap<>();
        for (Sample s : samples) {
            String caption = send(http, new Call(s, null));
            assertThat(caption).as(s.name()).isEqualTo(s.referenceCaption());
            alone.put(new Call(s, null).key(), caption);
            String answer = send(http, new Call(s, question(s)));
            assertThat(answer).as(s.name()).isEqualTo(label(s));
            alone.put(new Call(s, question(s)).key(), answer);
        }
        double[] before = batchSizes(http);
        assertThat(before[1]).as("sequential requests run alone").isEqualTo(before[0]);

        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Sample s = samples.get(i % samples.size());
            calls.add(new Call(s, (i / samples.size()) % 2 == 0 ? null : question(s)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Call c : calls) {
                results.add(pool.submit(() -> send(http, c)));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(results.get(i).get()).as(calls.get(i).key()).isEqualTo(alone.get(calls.get(i).key()));
            }
        } finally {
            pool.shutdownNow();
        }

        double[] after = batchSizes(http);
        double batches = after[0] - before[0];
        double requests = after[1] - before[1];
        assertThat(requests).isEqualTo(REQUESTS);
        assertThat(batches).as("forward passes for %d requests", REQUESTS).isLessThan(REQUESTS);
        assertThat(requests / batches).as("mean batch size").isGreaterThan(1.5);
    }
}
