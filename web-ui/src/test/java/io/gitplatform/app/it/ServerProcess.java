package io.gitplatform.app.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/git-platform.jar serve}) as a child process on a free loopback port, so that its
 * resident memory ({@code VmRSS} of {@code /proc/<pid>/status}, native libraries included) is the server's alone.
 * Its output goes to {@code target/<name>.log}.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    final int port;
    final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server with {@code jvmOptions} and extra {@code --key=value} Spring arguments. */
    static ServerProcess start(String name, List<String> jvmOptions, String... springArgs) {
        int port = freePort();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dai.djl.offline=true", "-Dgit.plugins.dir=" + Path.of("target/plugins")
                .toAbsolutePath(), "-jar", Path.of("target/git-platform.jar").toAbsolutePath().toString(), "serve",
                "--port", String.valueOf(port), "--git.backend.threads=1"));
        command.addAll(List.of(springArgs));
        if (Arrays.stream(springArgs).noneMatch(a -> a.startsWith("--git.jobs.store.url="))) {
            // a job store of its own under target/, not the default under the working directory
            command.add("--git.jobs.store.url=jdbc:h2:file:"
                    + Path.of("target", name + "-jobs", "jobs").toAbsolutePath());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("RUST_FLAVOR", "cpu");
        try {
            return new ServerProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Http http(String... headers) {
        return new Http(port, headers);
    }

    /** Waits until readiness is UP (the model is loaded); fails with the server's log if it dies or takes 3 min. */
    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Http http = http();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                if (http.get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // the port opens once the context has started
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not become ready:\n" + logText());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The server's resident set in KiB: Java heap actually touched, metaspace, code and every native allocation. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for process " + process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no graceful anything; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM (graceful shutdown), then a kill after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
