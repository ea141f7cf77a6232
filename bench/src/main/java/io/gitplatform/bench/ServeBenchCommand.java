package io.gitplatform.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code git-platform serve-bench <files>}: throughput of a running server's caption endpoint at several concurrency levels.
 * Hidden: a tool for operators and the README's figures, not a user command. Start the server with batching on or off
 * ({@code --git.batching.enabled=false}) and compare.
 */
@Command(name = "serve-bench", hidden = true, mixinStandardHelpOptions = true,
        description = "Sends caption requests to a running server and reports requests per second and latency.")
final class ServeBenchCommand implements Callable<Integer> {
    private static final Pattern BATCH = Pattern.compile("\"batch_size\":(\\d+)");

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the server (loopback)")
    String url;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8", description = "clients at once, e.g. 1,8")
    int[] concurrency;

    @Option(names = "--requests", defaultValue = "64", description = "requests per concurrency level")
    int requests;

    @Option(names = "--warmup", defaultValue = "8", description = "requests sent first and not measured")
    int warmup;

    @Option(names = "--api-key", description = "sent as a bearer token")
    String apiKey;

    @Parameters(arity = "1..*", paramLabel = "<file>", description = "images or videos, sent in turn")
    List<Path> files;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        String boundary = "----git-bench";
        for (Path f : files) {
            bodies.add(multipart(boundary, f.getFileName().toString(), Files.readAllBytes(f)));
        }
        run(1, warmup, bodies, boundary);
        System.out.printf(Locale.ROOT, "%-12s %10s %10s %10s %10s %12s%n", "concurrency", "requests", "req/s",
                "p50 ms", "p95 ms", "mean batch");
        for (int c : concurrency) {
            Result r = run(c, requests, bodies, boundary);
            System.out.printf(Locale.ROOT, "%-12d %10d %10.2f %10.1f %10.1f %12.2f%n", c, requests,
                    requests / r.seconds, r.percentile(0.5), r.percentile(0.95), r.meanBatch);
        }
        return 0;
    }

    private record Result(double seconds, double[] latenciesMs, double meanBatch) {
        double percentile(double p) {
            return latenciesMs[Math.min(latenciesMs.length - 1, (int) Math.floor(p * latenciesMs.length))];
        }
    }

    private Result run(int clients, int count, List<byte[]> bodies, String boundary) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] body = bodies.get(i % bodies.size());
                futures.add(pool.submit(() -> send(body, boundary)));
            }
            double[] latencies = new double[count];
            double batch = 0;
            for (int i = 0; i < count; i++) {
                double[] r = futures.get(i).get();
                latencies[i] = r[0];
                batch += r[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            return new Result(seconds, latencies, batch / count);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One request: its latency in ms and the batch size the server reports. */
    private double[] send(byte[] body, String boundary) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/v1/caption"))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        long start = System.nanoTime();
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        Matcher m = BATCH.matcher(r.body());
        return new double[] {ms, m.find() ? Integer.parseInt(m.group(1)) : 1};
    }

    private static byte[] multipart(String boundary, String name, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
