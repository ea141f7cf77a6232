package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void redrawsInPlaceOnlyWhenThePercentageChangesAndEndsEachFileWithANewline() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), true);
        long total = 5L << 20;
        for (long done = 0; done <= total; done += 1024) {
            bar.update("model.safetensors", done, total);
        }
        bar.update("config.json", 0, 949);
        bar.update("config.json", 949, 949);

        String text = out.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[0].chars().filter(c -> c == '\r')).hasSize(101);
        assertThat(lines[0].substring(lines[0].lastIndexOf('\r') + 1))
                .isEqualTo("model.safetensors        100% [" + "#".repeat(30) + "] 5.0 MiB / 5.0 MiB");
        assertThat(lines[0]).contains(" 50% [" + "#".repeat(15) + " ".repeat(15) + "] 2.5 MiB / 5.0 MiB");
        assertThat(lines[1]).endsWith("config.json              100% [" + "#".repeat(30) + "] 949 B / 949 B");
        assertThat(lines[2]).isEmpty();
    }

    @Test
    void aFileThatStopsPartWayDoesNotRunIntoTheNext() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), true);
        bar.update("a.bin", 10, 100);
        bar.update("b.bin", 100, 100);
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("\ra\\.bin +10% .*\n\rb\\.bin +100% .*\n");
    }

    @Test
    void disabledMeansSilent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        bar.update("model.safetensors", 0, 10);
        bar.update("model.safetensors", 10, 10);
        assertThat(out.size()).isZero();
    }

    @Test
    void theStandardErrorBarIsSilentWhenQuiet() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            ProgressBar.stderr(true).update("model.safetensors", 5, 10);
            ProgressBar.stderr(true).update("model.safetensors", 10, 10);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.size()).isZero();
    }

    @Test
    void sizesAreHumanReadable() {
        assertThat(ProgressBar.bytes(0)).isEqualTo("0 B");
        assertThat(ProgressBar.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressBar.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressBar.bytes(704_000_000L)).isEqualTo("671.4 MiB");
        assertThat(ProgressBar.bytes(3L << 40)).isEqualTo("3.0 TiB");
    }
}
