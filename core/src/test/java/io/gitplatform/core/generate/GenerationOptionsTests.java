package io.gitplatform.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.core.config.GitConfig;
import io.gitplatform.core.testing.SharedFixtures;
import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.GenerationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request's generation overrides on the model's defaults. */
class GenerationOptionsTests {
    private static final GenerationOptions BEAM_DEFAULTS = GenerationOptions.beams(4, 20, 1.0, EarlyStopping.WHEN_FULL);

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

    @Test
    void earlyStoppingTakesTransformersThreeValues() throws Exception {
        assertThat(EarlyStopping.parse("never")).isEqualTo(EarlyStopping.NEVER);
        assertThat(EarlyStopping.parse("True")).isEqualTo(EarlyStopping.WHEN_FULL);
        assertThat(EarlyStopping.parse("false")).isEqualTo(EarlyStopping.HEURISTIC);
        assertThatThrownBy(() -> EarlyStopping.parse("sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true, false or \"never\"").hasMessageContaining("sometimes");
        // generation_config.json may say "never" (a string) or a boolean.
        Path folder = Files.createTempDirectory("gen-config");
        GitConfig model = GitConfig.read(SharedFixtures.tinyRandom().resolve("config.json"));
        for (String value : List.of("\"never\"", "true", "false")) {
            Files.writeString(folder.resolve("generation_config.json"),
                    "{\"num_beams\": 3, \"early_stopping\": " + value + "}");
            GenerationConfig config = GenerationConfig.read(folder.resolve("generation_config.json"), model);
            assertThat(GenerationOptions.from(config).earlyStopping().spelling()).isEqualTo(value.replace("\"", ""));
        }
        // A request's value overrides a checkpoint's "never".
        GenerationOptions never = GenerationOptions.beams(3, 10, 1.0, EarlyStopping.NEVER);
        assertThat(never.with(new GenerationSettings(null, null, null, null, EarlyStopping.WHEN_FULL, null, null, null,
                null, null)).earlyStopping()).isEqualTo(EarlyStopping.WHEN_FULL);
    }
}
