package io.gitplatform.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command and its siblings, run in-process against the embedded model and the bundled samples. */
class CaptionCommandIT {
    static final Path SAMPLES = Path.of("../config/samples");
    static final Path STILL = Path.of(System.getProperty("shared.dir", "../../shared"),
            "models/git-tiny-shapes/samples/image0_f0.png");

    @TempDir
    Path tmp;

    @Test
    void captionsTheBundledSampleVideo() {
        ParityCommandTests.Run run = ParityCommandTests.run("caption", "-q", SAMPLES.resolve("clip0.mp4").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("a blue circle moving up");
    }

    @Test
    void jsonReportsFramesTimingsAndUsage() {
        ParityCommandTests.Run run = ParityCommandTests.run("caption", "-q", "--json",
                SAMPLES.resolve("clip1.mp4").toString(), STILL.toString());
        assertThat(run.exit()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonObject video = JsonParser.parseString(lines[0]).getAsJsonObject();
        assertThat(video.get("caption").getAsString()).isEqualTo("a red triangle moving up");
        assertThat(video.get("kind").getAsString()).isEqualTo("video");
        assertThat(video.getAsJsonArray("frames")).hasSize(6);
        assertThat(video.getAsJsonArray("frames").get(5).getAsJsonObject().get("timestamp_s").getAsDouble())
                .isCloseTo(5 / 6.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(video.getAsJsonObject("timings").keySet()).contains("decode_ms", "encode_ms", "task_ms");
        assertThat(video.getAsJsonObject("usage").get("completion_tokens").getAsInt()).isEqualTo(6);
        JsonObject image = JsonParser.parseString(lines[1]).getAsJsonObject();
        assertThat(image.get("kind").getAsString()).isEqualTo("image");
        assertThat(image.get("caption").getAsString()).isEqualTo("a blue square on a gray background");
    }

    @Test
    void beamSearchFlagsTakeTransformersEarlyStoppingSpelling() {
        ParityCommandTests.Run run = ParityCommandTests.run("caption", "-q", "--beams", "3", "--length-penalty", "2.0",
                "--early-stopping", "never", SAMPLES.resolve("clip0.mp4").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("a blue circle moving up");
        ParityCommandTests.Run bad = ParityCommandTests.run("caption", "-q", "--early-stopping", "sometimes",
                SAMPLES.resolve("clip0.mp4").toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--early-stopping").contains("never");
    }

    @Test
    void answersSeveralQuestionsAboutOneVideo() {
        ParityCommandTests.Run run = ParityCommandTests.run("ask", "-q", SAMPLES.resolve("clip2.mp4").toString(),
                "what shape is it?", "what color is the background?");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("what shape is it? circle").contains("what color is the background? gray");
    }

    @Test
    void badFilesGetOneClearLineEachAndTheGoodOneIsStillCaptioned() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "this is not a video\n");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path random = Files.write(tmp.resolve("random.webm"), noise);
        Path missing = tmp.resolve("missing.mp4");
        ParityCommandTests.Run run = ParityCommandTests.run("caption", "-q", empty.toString(), text.toString(),
                random.toString(), missing.toString(), SAMPLES.resolve("clip0.mp4").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("clip0.mp4: a blue circle moving up");
        assertThat(run.out().strip().split("\n")).hasSize(1);
        assertThat(run.err()).contains("error: " + empty + ": ").contains("error: " + missing + ": ");
    }

    @Test
    void anUnknownModelFolderIsAClearError() {
        ParityCommandTests.Run run = ParityCommandTests.run("caption", "-q", "--model", tmp.resolve("nope").toString()
                + "/", SAMPLES.resolve("clip0.mp4").toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).startsWith("error: ");
    }
}
