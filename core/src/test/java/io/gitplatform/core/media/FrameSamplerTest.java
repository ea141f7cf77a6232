package io.gitplatform.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameSamplerTest {

    @ParameterizedTest(name = "{0} frames, {1} wanted")
    @CsvSource(delimiter = ';', value = {
            "6; 6; 0 1 2 3 4 5",
            "30; 6; 2 7 12 17 22 27",
            "31; 6; 2 7 12 18 23 28",
            "100; 6; 8 25 41 58 75 91",
            "250; 6; 20 62 104 145 187 229",
            "3; 6; 0 0 1 1 2 2",
            "1; 6; 0 0 0 0 0 0",
            "7; 1; 3",
            "10; 4; 1 3 6 8"})
    void picksTheCentreOfEachSegment(long frameCount, int wanted, String expected) {
        long[] want = Arrays.stream(expected.split(" ")).mapToLong(Long::parseLong).toArray();
        assertThat(FrameSampler.indices(frameCount, wanted)).containsExactly(want);
    }

    @Test
    void matchesTheFormulaAndStaysDistinctWhenThereAreEnoughFrames() {
        for (long n = 1; n <= 300; n++) {
            for (int w = 1; w <= 12; w++) {
                long[] indices = FrameSampler.indices(n, w);
                for (int i = 0; i < w; i++) {
                    assertThat(indices[i]).isEqualTo((2L * i + 1) * n / (2L * w));
                    if (i > 0 && n >= w) {
                        assertThat(indices[i]).isGreaterThan(indices[i - 1]);
                    }
                }
            }
        }
    }

    @Test
    void doesNotOverflowForHugeFrameCounts() {
        long n = Long.MAX_VALUE;
        long[] indices = FrameSampler.indices(n, 6);
        assertThat(indices[5]).isLessThan(n).isGreaterThan(n / 12 * 11 - 1);
    }

    @Test
    void rejectsEmptyRequests() {
        assertThatThrownBy(() -> FrameSampler.indices(0, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameSampler.indices(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
