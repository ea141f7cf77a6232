package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.media.ShapeVideos.StillFormat;
import io.gitplatform.core.media.ShapeVideos.VideoFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of every supported format: each decodes or fails with a MediaException; nothing else, no crash. */
class MediaDecoderFuzzTest {

    private static final int CASES = Integer.getInteger("media.fuzz.cases", 400);

    @TempDir
    Path dir;

    @Test
    void damagedInputsFailCleanly() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (VideoFormat format : VideoFormat.values()) {
            seeds.add(Files.readAllBytes(ShapeVideos.write(FrameIndexCode.frames(20), 25, format,
                    dir.resolve("seed." + format.extension))));
        }
        for (StillFormat format : StillFormat.values()) {
            seeds.add(ShapeVideos.still(FrameIndexCode.frames(1).get(0), format));
        }
        MediaDecoder decoder = new MediaDecoder(new MediaLimits(1 << 26, 4_000_000, 600, 100_000,
                Duration.ofSeconds(10)));
        Random random = new Random(Long.getLong("media.fuzz.seed", 1));
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = damage(seeds.get(random.nextInt(seeds.size())), random);
            try {
                assertThat(decoder.decode(input, "case" + i, 1 + random.nextInt(8)).frames()).isNotEmpty();
                decoded++;
            } catch (MediaException e) {
                assertThat(e.getMessage()).startsWith("case" + i + ":");
            }
        }
        assertThat(decoded).as("damage often leaves a decodable file").isPositive();
    }

    private static byte[] damage(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // scattered byte errors
                for (int k = 1 + random.nextInt(20); k > 0; k--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncation
            case 2 -> { // a burst of garbage after the magic number
                int at = 8 + random.nextInt(Math.max(1, bytes.length - 8));
                for (int j = at; j < Math.min(bytes.length, at + 64); j++) {
                    bytes[j] = (byte) random.nextInt();
                }
            }
            default -> { // headers: the first 200 bytes
                for (int k = 1 + random.nextInt(5); k > 0; k--) {
                    bytes[random.nextInt(Math.min(bytes.length, 200))] = (byte) random.nextInt();
                }
            }
        }
        return bytes;
    }
}
