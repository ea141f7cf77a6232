package io.gitplatform.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.core.generate.FinishReason;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SPI's value types: the rules plugins and callers rely on. */
class SpiTypesTests {
    private static final GenerationOptions BEAM_DEFAULTS = GenerationOptions.beams(4, 20, 1.0, true);

    @Test
    void generationOverridesApplyOnTheModelsDefaults() {
        assertThat(GenerationSettings.DEFAULTS.applyTo(BEAM_DEFAULTS)).isEqualTo(BEAM_DEFAULTS);
        GenerationOptions greedy = GenerationSettings.greedy(5).applyTo(BEAM_DEFAULTS);
        assertThat(greedy.numBeams()).isEqualTo(1);
        assertThat(greedy.maxNewTokens()).isEqualTo(5);
        // Sampling on a beam-search checkpoint means one beam, not an invalid "beam sampling".
        GenerationOptions sampled = new GenerationSettings(null, null, null, null, null, true, 0.7, null, null, 3L)
                .applyTo(BEAM_DEFAULTS);
        assertThat(sampled.doSample()).isTrue();
        assertThat(sampled.numBeams()).isEqualTo(1);
        assertThat(sampled.seed()).isEqualTo(3);
        assertThatThrownBy(() -> new GenerationSettings(0, null, null, null, null, null, null, null, null, null)
                .applyTo(BEAM_DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rankedLabelsAreASoftmaxSortedBestFirstEvenForVeryUnlikelyLabels() {
        List<RankedLabel> ranked = RankedLabel.rank(List.of("a", "b", "c"), new double[] {-1002, -1000, -1003});
        assertThat(ranked).extracting(RankedLabel::label).containsExactly("b", "a", "c");
        assertThat(ranked.stream().mapToDouble(RankedLabel::probability).sum()).isCloseTo(1, within(1e-12));
        assertThat(ranked.get(0).probability()).isCloseTo(1 / (1 + Math.exp(-2) + Math.exp(-3)), within(1e-12));
    }

    @Test
    void aResultReportsTheWorstFinishAndJoinsAnswers() {
        TaskTimings timings = new TaskTimings(java.time.Duration.ZERO, java.time.Duration.ZERO);
        TaskResult result = TaskResult.ofAnswers("vqa", List.of(new Answer("q1", "yes", 3, 2, FinishReason.EOS),
                new Answer("q2", "no no no", 3, 5, FinishReason.LENGTH)), timings);
        assertThat(result.text()).isEqualTo("yes\nno no no");
        assertThat(result.usage()).isEqualTo(new TokenUsage(6, 7));
        assertThat(result.finish()).isEqualTo(FinishReason.LENGTH);
        assertThat(TaskResult.worse(FinishReason.CANCELLED, FinishReason.LENGTH)).isEqualTo(FinishReason.CANCELLED);
    }

    @Test
    void inputsAreCheckedAndComparedByIdentity() {
        RgbImage frame = new RgbImage(2, 2, new byte[12]);
        assertThatThrownBy(() -> new TaskInput(List.of(frame, frame), false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass them as a video");
        assertThatThrownBy(() -> TaskInput.video(List.of(frame, frame), new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 timestamps for 2 frames");
        assertThat(TaskInput.image(frame)).isNotEqualTo(TaskInput.image(frame));
        assertThat(TaskInput.video(List.of(frame, frame), null).kind()).isEqualTo(InputKind.VIDEO);
    }

    @Test
    void optionsTreatABlankPromptAsNone() {
        assertThat(TaskOptions.builder().prompt("  ").build().prompt()).isNull();
        assertThat(TaskOptions.builder().prompt(" what? ").build().prompt()).isEqualTo("what?");
        assertThatThrownBy(() -> TaskOptions.builder().topK(-1).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
