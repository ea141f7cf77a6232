package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed sample clips (config/samples, made by {@link SampleVideoGenerator}) hold the model's sample frames. */
class SampleVideosTest {

    /** Mean absolute error of 4:2:0 chroma subsampling alone on these noisy frames is about 4.1. */
    private static final double MAX_MEAN_ERROR = 4.5;

    @ParameterizedTest
    @ValueSource(strings = {"clip0", "clip1", "clip2"})
    void decodesToTheSampleFrames(String clip) throws IOException {
        DecodedMedia media = new MediaDecoder(MediaLimits.defaults()).decode(
                Path.of("..", "config", "samples", clip + ".mp4"), SampleVideoGenerator.FRAMES);

        assertThat(media.codec()).isEqualTo("h264");
        assertThat(media.frameIndices()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(media.frameRate()).isCloseTo(SampleVideoGenerator.FPS, within(0.01));
        List<BufferedImage> expected = SampleVideoGenerator.frames(clip);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(MediaDecoderStillsTest.meanAbsoluteDifference(media.frames().get(i), expected.get(i)))
                    .as("frame %d", i).isLessThan(MAX_MEAN_ERROR);
        }
    }
}
