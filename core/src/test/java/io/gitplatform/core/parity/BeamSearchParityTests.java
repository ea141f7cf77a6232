package io.gitplatform.core.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.testing.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Beam search against transformers 5.18 with length_penalty 0.6 / 1.0 / 2.0 and early_stopping false / true / "never"
 * on git-tiny-shapes (cases made by {@code parity/beam-search/make_cases.py}).
 */
class BeamSearchParityTests {
    private static final Path CASES = Path.of("src/test/resources/parity/beam-search/cases.json");

    @Test
    void everyLengthPenaltyAndEarlyStoppingCaseGivesTransformersTokens() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<ParityRunner.CaseResult> results = ParityRunner.run(SharedFixtures.tinyShapes(), CASES,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        System.out.print(buffer.toString(StandardCharsets.UTF_8));
        assertThat(results).extracting(ParityRunner.CaseResult::name)
                .anyMatch(n -> n.contains("lp0_6_early_false")).anyMatch(n -> n.contains("lp2_0_early_false"))
                .anyMatch(n -> n.contains("early_true")).anyMatch(n -> n.contains("early_never"));
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
    }
}
