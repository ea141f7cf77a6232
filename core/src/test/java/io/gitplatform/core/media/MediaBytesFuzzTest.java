package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gitplatform.spi.RgbImage;
import java.time.Duration;

/**
 * Any bytes as an upload: {@link MediaDecoder#decode(byte[], String, int)} gives frames of the declared size or a
 * {@link MediaException} naming the upload; no other exception, no JVM crash, within the limits. Complements
 * {@link MediaDecoderFuzzTest} (random damage to valid files) with coverage-guided inputs; the seeds are tiny files of
 * every supported container and codec, and a PNG header declaring 20000x20000 pixels.
 */
class MediaBytesFuzzTest {
    private static final MediaDecoder DECODER = new MediaDecoder(new MediaLimits(1 << 20, 1_000_000, 60, 10_000,
            Duration.ofSeconds(5)));

    @FuzzTest(maxDuration = "10s")
    void decode(FuzzedDataProvider data) {
        int frames = data.consumeInt(1, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            DecodedMedia media = DECODER.decode(bytes, "fuzz", frames);
            assertThat(media.frames()).isNotEmpty().hasSizeLessThanOrEqualTo(frames);
            for (RgbImage image : media.frames()) {
                assertThat((long) image.width() * image.height()).isPositive().isLessThanOrEqualTo(1_000_000);
            }
        } catch (MediaException expected) {
            assertThat(expected).hasMessageStartingWith("fuzz:");
        }
    }
}
