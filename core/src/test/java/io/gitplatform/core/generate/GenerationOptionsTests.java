package io.gitplatform.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.GenerationSettings;
import org.junit.jupiter.api.Test;

/** A request's generation overrides on the model's defaults. */
class GenerationOptionsTests {
    private static final GenerationOptions BEAM_DEFAULTS = GenerationOptions.beams(4, 20, 1.0, true);

    @Test
    void generationOverridesApplyOnTheModelsDefaults() {
        assertThat(BEAM_DEFAULTS.with(GenerationSettings.DEFAULTS)).isEqualTo(BEAM_DEFAULTS);
        GenerationOptions greedy = BEAM_DEFAULTS.with(GenerationSettings.greedy(5));
        assertThat(greedy.numBeams()).isEqualTo(1);
        assertThat(greedy.maxNewTokens()).isEqualTo(5);
        // Sampling on a beam-search checkpoint means one beam, not an invalid "beam sampling".
        GenerationOptions sampled = BEAM_DEFAULTS.with(
                new GenerationSettings(null, null, null, null, null, true, 0.7, null, null, 3L));
        assertThat(sampled.doSample()).isTrue();
        assertThat(sampled.numBeams()).isEqualTo(1);
        assertThat(sampled.seed()).isEqualTo(3);
        assertThatThrownBy(() -> BEAM_DEFAULTS.with(
                new GenerationSettings(0, null, null, null, null, null, null, null, null, null))).isInstanceOf(IllegalArgumentException.class);
    }
}
