package io.gitplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bench runs end to end on a tiny config (seconds, not minutes) and prints its JSON keys. */
class BenchCommandTests {
    static final List<String> KEYS = List.of("vision_frame_ms", "video_caption_s", "image_caption_s",
            "decode_token_ms", "batch8_image_caption_s", "labels20_s", "questions5_s", "load_s", "peak_rss_mb");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"float32", "bfloat16"})
    void aTinyConfigRunsEveryCaseAndPrintsTheKeysAsJson(String dtype) throws Exception {
        for (String f : List.of("config.json", "preprocessor_config.json", "generation_config.json")) {
            Files.copy(Path.of("src/test/resources/bench-tiny", f), tmp.resolve(f));
        }
        Files.copy(Path.of("..", BenchCommand.DEFAULT_CONFIG, "tokenizer.json"), tmp.resolve("tokenizer.json"));

        Run run = run("bench", "--config", tmp.toString(), "--reps", "1", "--threads", "1", "--dtype", dtype,
                "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        JsonObject json = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        assertThat(json.keySet()).containsAll(KEYS);
        for (String key : KEYS) {
            assertThat(json.get(key).getAsDouble()).as(key).isPositive();
        }
        assertThat(json.get("dtype").getAsString()).isEqualTo(dtype);
        // each ratio is our figure over the anchor's, whose figures the table prints
        Anchor anchor = Anchor.documented();
        JsonObject ratios = json.getAsJsonObject("ratio_vs_transformers_float32");
        assertThat(ratios.keySet()).contains("video_caption_s");
        assertThat(ratios.get("video_caption_s").getAsDouble()).isCloseTo(
                json.get("video_caption_s").getAsDouble() / anchor.float32().get("video_caption_s"), within(1e-9));
        assertThat(run.out()).contains("questions5_s");
    }

    @Test
    void aMissingConfigFolderIsAClearError() {
        Run run = run("bench", "--config", tmp.resolve("nope").toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("config.json");
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cli = BenchMain.commandLine();
            cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
        }
    }
}
