package io.gitplatform.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.app.batch.BatchResult;
import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.core.generate.GenerationOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** How request options become generation settings, and how a request that runs too long ends. */
class GenerationParamsTests {
    static final LimitsProperties LIMITS = new LimitsProperties(DataSize.ofMegabytes(1), 1_000_000,
            Duration.ofMinutes(1), 1000, 16, 32, 4, 8, 8, 100, Duration.ofSeconds(5), Duration.ofSeconds(5));
    static final GenerationOptions DEFAULTS = GenerationOptions.greedy(20);

    static GenerationOptions resolve(Integer maxNew, Integer beams, Double temperature, Long seed, Boolean sample) {
        return new GenerationParams(maxNew, beams, temperature, null, null, seed, sample).resolve(DEFAULTS, LIMITS);
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
        assertThatThrownBy(() -> resolve(0, null, null, null, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.title()).isEqualTo("Invalid option"));
        assertThatThrownBy(() -> resolve(null, 5, null, null, null)).hasMessageContaining("num_beams 5");
        assertThatThrownBy(() -> resolve(null, null, -1.0, null, null)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> resolve(null, 2, null, null, true)).hasMessageContaining("beam sampling");
    }

    @Test
    void aRequestOverItsTimeIsCancelledAndAnsweredWith504() {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<BatchResult> never = new CompletableFuture<>();
        assertThatThrownBy(() -> TaskService.await(never, cancelled, Duration.ofMillis(20)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
                    assertThat(e.title()).isEqualTo("Request timed out");
                });
        assertThat(cancelled).isTrue();
        assertThat(never).isCancelled();
    }
}
