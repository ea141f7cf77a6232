package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitplatform.app.it.Samples.Sample;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The image tarball {@code mvn -P image package} writes ({@code image.tar}, set by that profile; without it the test
 * is skipped): its config, and the image itself run without a container runtime, its layers unpacked into a
 * directory and the entrypoint started there under chroot as the image's user (root is needed for chroot, as CI has).
 */
class ImageIT {
    private static final String TAR = System.getProperty("image.tar");
    private static Path unpacked;
    private static JsonNode config;
    private static List<String> layers;

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(TAR != null, "not built with -P image");
        unpacked = Path.of("target", "image-test").toAbsolutePath();
        run("rm", "-rf", unpacked.toString());
        Files.createDirectories(unpacked.resolve("rootfs"));
        run("tar", "-xf", TAR, "-C", unpacked.toString());
        JsonNode manifest = Http.JSON.readTree(Files.readString(unpacked.resolve("manifest.json"))).get(0);
        config = Http.JSON.readTree(Files.readString(unpacked.resolve(manifest.get("Config").asString())))
                .get("config");
        layers = new ArrayList<>();
        manifest.get("Layers").forEach(l -> layers.add(l.asString()));
    }

    @Test
    void itsConfigRunsTheServerAsANonRootUser() {
        assertThat(config.get("User").asString()).isEqualTo("10001:10001");
        List<String> entrypoint = strings(config.get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-cp", "@/app/jib-classpath-file", "-Dgit.plugins.dir=/app/plugins",
                "-Dgit.platform.home=/app").last().isEqualTo("io.gitplatform.app.cli.GitPlatformCommand");
        assertThat(strings(config.get("Cmd"))).containsExactly("serve");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.get("WorkingDir").asString()).isEqualTo("/app");
        assertThat(config.get("Volumes").has("/app/config")).isTrue();
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asString()).isEqualTo("git-platform");
        assertThat(config.get("Labels").get("org.opencontainers.image.version").asString()).isNotBlank();
        assertThat(strings(config.get("Env"))).contains("PATH=/opt/java/bin", "JAVA_HOME=/opt/java");
    }

    /**
     * The unpacked image serves captions of an image and a video (FFmpeg) with its own runtime and libraries, reads
     * a mounted config/application.yml, and its JVM picks up JAVA_TOOL_OPTIONS.
     */
    @Test
    void theImageServesAsItsUserWithJavaToolOptionsHonoured() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/chroot")) && "root".equals(System.getProperty("user.name")),
                "running the image's root file system needs chroot, as root");
        Path rootfs = unpacked.resolve("rootfs");
        for (String layer : layers) {
            run("tar", "-xzf", unpacked.resolve(layer).toString(), "-C", rootfs.toString());
        }
        // config/ under the platform home (/app) is where a ConfigMap is mounted: this one turns API keys on.
        Files.writeString(rootfs.resolve("app/config/application.yml"), "git:\n  security:\n    api-key: mounted-key\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] user = config.get("User").asString().split(":");
        List<String> command = new ArrayList<>(List.of("/usr/sbin/chroot", "--userspec=" + user[0] + ":" + user[1],
                rootfs.toString()));
        List<String> entrypoint = strings(config.get("Entrypoint"));
        command.add("/opt/java/bin/" + entrypoint.get(0)); // PATH=/opt/java/bin, as a container runtime resolves it
        command.addAll(entrypoint.subList(1, entrypoint.size()));
        command.addAll(strings(config.get("Cmd")));
        command.addAll(List.of("--port", String.valueOf(port), "--git.backend.threads=1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(unpacked.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (String e : strings(config.get("Env"))) {
            env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        env.put("JAVA_TOOL_OPTIONS", "-Xmx512m -Dgit.image.check=on");
        Process server = builder.start();
        try {
            Http http = new Http(port, "X-API-Key", "mounted-key");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && !ready(http)) {
                assertThat(server.isAlive()).as(log()).isTrue();
                Thread.sleep(250);
            }
            assertThat(ready(http)).as(log()).isTrue();
            for (Sample s : List.of(Samples.named("image1"), Samples.named("clip3"))) {
                HttpResponse<String> r = http.post("/api/v1/caption", Http.form().file(Samples.fileName(s),
                        Samples.media(s)));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(Http.json(r).get("caption").asString()).isEqualTo(s.referenceCaption());
            }
            assertThat(new Http(port).get("/v1/models").statusCode()).as("the mounted config's API key")
                    .isEqualTo(401);
            assertThat(new Http(port).get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(log()).contains("Picked up JAVA_TOOL_OPTIONS: -Xmx512m -Dgit.image.check=on");
            String status = Files.readString(Path.of("/proc", String.valueOf(server.pid()), "status"));
            assertThat(status).containsPattern("Uid:\\s+10001\\s");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static boolean ready(Http http) {
        try {
            return http.get("/actuator/health/readiness").statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static String log() throws IOException {
        return Files.readString(unpacked.resolve("server.log"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
