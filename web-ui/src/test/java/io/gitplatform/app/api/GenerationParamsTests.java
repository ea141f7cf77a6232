package io.gitplatform.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.app.config.Limits;
import io.gitplatform.app.config.ServingLimitsProperties;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.starter.autoconfigure.GitProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How request options become generation settings, and how a request that runs too long ends. */
class GenerationParamsTests {
    static final Limits LIMITS = limits();
    static final GenerationOptions DEFAULTS = GenerationOptions.greedy(20);

    /** 32 new tokens and 4 beams at most. */
    static Limits limits() {
        GitProperties.Limits shared = new GitProperties().getLimits();
        shared.setMaxNewTokens(32);
        return new Limits(shared, new ServingLimitsProperties(16, 4, Duration.ofSeconds(5), 1000, Duration.ofSeconds(20)));
    }

    static GenerationOptions resolve(Integer maxNew, Integer beams, Double temperature, Long seed, Boolean sample) {
        return DEFAULTS.with(new GenerationParams(maxNew, beams, temperature, null, null, seed, sample, null, null)
                .settings(LIMITS));
    }

    @Test
    void greedyByDefaultAndSamplingWhenASamplingOptionIsGiven() {
        assertThat(resolve(null, null, null, null, null)).isEqualTo(DEFAULTS);
        GenerationOptions sampled = resolve(null, null, 0.7, 42L, null);
        assertThat(sampled.doSample()).isTrue();
        assertThat(sampled.temperature()).isEqualTo(0.7);
        assertThat(sampled.seed()).isEqualTo(42);
        assertThat(resolve(null, null, 0.0, null, null).doSample()).as("temperature 0 is greedy").isFalse();
        assertThat(resolve(null, null, 0.7, null, false).doSample()).as("do_sample wins").isFalse();
        assertThat(resolve(10, 3, null, null, null).numBeams()).isEqualTo(3);
    }

    @Test
    void limitsAndBadValuesAreRefusedWithClearTitles() {
        assertThatThrownBy(() -> resolve(33, null, null, null, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.title()).isEqualTo("Too many tokens"));
        assertThatThrownBy(() -> resolve(0, null, null, null, null)).hasMessageContaining("maxNewTokens");
        assertThatThrownBy(() -> resolve(null, 5, null, null, null)).hasMessageContaining("num_beams 5");
        assertThatThrownBy(() -> resolve(null, null, -1.0, null, null)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> resolve(null, 2, null, null, true)).hasMessageContaining("beam sampling");
    }

    @Test
    void beamSearchTakesTransformersThreeEarlyStoppingValues() {
        for (EarlyStopping value : EarlyStopping.values()) {
            GenerationOptions options = DEFAULTS.with(new GenerationParams(10, 3, null, null, null, null, null, 2.0,
                    value.spelling()).settings(LIMITS));
            assertThat(options.earlyStopping()).isEqualTo(value);
            assertThat(options.lengthPenalty()).isEqualTo(2.0);
        }
        assertThatThrownBy(() -> new GenerationParams(10, 3, null, null, null, null, null, null, "sometimes")
                .settings(LIMITS)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getMessage()).contains("early_stopping", "never", "sometimes"));
    }
}
