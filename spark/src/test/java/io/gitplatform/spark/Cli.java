package io.gitplatform.spark;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's command lines ({@code bin/git-platform}, {@code bin/git-platform-spark}) as processes. */
final class Cli {
    record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Run run(Path workDir, List<String> command) {
        return run(workDir, command, Duration.ofMinutes(5));
    }

    static Run run(Path workDir, List<String> command, Duration limit) {
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.subList(0, Math.min(4, command.size())) + "... ran over "
                        + limit);
            }
            Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code bin/git-platform caption -q --json files...}: each file's caption, by absolute path. */
    static Map<Path, String> captions(List<Path> files) {
        Path jar = LocalSpark.ROOT.resolve("web-ui/target/git-platform.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the CLI is the reference; package web-ui first"
                    + " (mvn -pl web-ui -am package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(LocalSpark.ROOT.resolve("bin/git-platform").toString(),
                "caption", "-q", "--json"));
        files.forEach(f -> command.add(f.toString()));
        Run run = run(LocalSpark.ROOT, command);
        if (run.exit() != 0) {
            throw new IllegalStateException("bin/git-platform caption failed (" + run.exit() + "): " + run.err());
        }
        Map<Path, String> out = new LinkedHashMap<>();
        for (String line : run.out().strip().split("\n")) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            out.put(Path.of(o.get("file").getAsString()).toAbsolutePath().normalize(), o.get("caption").getAsString());
        }
        return out;
    }
}
