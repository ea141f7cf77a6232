package io.gitplatform.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParityCommandTests {

    static final Path FIXTURE = Path.of(System.getProperty("shared.dir", "../../shared"), "fixtures/git-tiny-random");

    @TempDir
    Path tmp;

    @Test
    void everyFixtureCasePassesAndTheSummaryLineCountsThem() {
        Run run = run("parity", FIXTURE.toString());
        assertThat(run.exit).isZero();
        assertThat(run.out).contains("caption_beam3").contains("vqa_batch2_left_padded_greedy")
                .containsPattern("(?m)^9 passed, 0 failed$");
    }

    @Test
    void aWrongExpectationFailsThatCaseAndTheExitCode() throws Exception {
        Path copy = tmp.resolve("fixture");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path cases = copy.resolve("cases.json");
        JsonObject root = JsonParser.parseString(Files.readString(cases)).getAsJsonObject();
        JsonArray beamIds = root.getAsJsonObject("cases").getAsJsonObject("caption_beam3")
                .getAsJsonArray("output_ids").get(0).getAsJsonArray();
        beamIds.set(5, new JsonPrimitive(beamIds.get(5).getAsLong() + 1));
        Files.writeString(cases, root.toString());
        Run run = run("parity", copy.toString());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).containsPattern("caption_beam3 +FAIL").containsPattern("(?m)^8 passed, 1 failed$");
    }

    @Test
    void aFolderWithoutCasesIsAClearError() {
        Run run = run("parity", tmp.toString());
        assertThat(run.exit).isNotZero();
        assertThat(run.err).contains("cases.json").contains("not found");
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = GitPlatformCommand.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
