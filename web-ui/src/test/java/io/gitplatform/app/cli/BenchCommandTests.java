package io.gitplatform.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end on a tiny config (seconds, not minutes) and prints its JSON keys. */
class BenchCommandTests {
    static final List<String> KEYS = List.of("vision_frame_ms", "video_caption_s", "image_caption_s",
            "decode_token_ms", "batch8_image_caption_s", "labels20_s", "questions5_s", "load_s", "peak_rss_mb");

    @TempDir
    Path tmp;

    @Test
    void aTinyConfigRunsEveryCaseAndPrintsTheKeysAsJson() throws Exception {
        for (String f : List.of("config.json", "preprocessor_config.json", "generation_config.json")) {
            Files.copy(Path.of("src/test/resources/bench-tiny", f), tmp.resolve(f));
        }
        Files.copy(Path.of("..", BenchCommand.DEFAULT_CONFIG, "tokenizer.json"), tmp.resolve("tokenizer.json"));

        ParityCommandTests.Run run = ParityCommandTests.run("bench", "--config", tmp.toString(), "--reps", "1",
                "--threads", "1", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        JsonObject json = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        assertThat(json.keySet()).containsAll(KEYS);
        for (String key : KEYS) {
            assertThat(json.get(key).getAsDouble()).as(key).isPositive();
        }
        assertThat(json.get("dtype").getAsString()).isEqualTo("float32");
        assertThat(json.getAsJsonObject("ratio_vs_transformers_float32").keySet()).contains("video_caption_s");
        assertThat(run.out()).contains("questions5_s");
    }

    @Test
    void aMissingConfigFolderIsAClearError() {
        ParityCommandTests.Run run = ParityCommandTests.run("bench", "--config", tmp.resolve("nope").toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("config.json");
    }
}
