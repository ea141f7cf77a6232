package io.gitplatform.core.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.testing.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Beam search against transformers 5.18 with length_penalty 0.6 / 1.0 / 2.0 and early_stopping false / true / "never"
 * (cases made by {@code src/test/resources/parity/beam-search/make_cases.py}, their kwargs read as a request's
 * {@code generation.*} fields through the SPI's option descriptors): on the trained tiny model, and on the
 * random one with many end tokens, where the settings change which hypothesis wins.
 */
class BeamSearchParityTests {
    private static final Path CASES = Path.of("src/test/resources/parity/beam-search");

    @ParameterizedTest
    @ValueSource(strings = {"git-tiny-shapes", "git-tiny-random"})
    void everyLengthPenaltyAndEarlyStoppingCaseGivesTransformersTokens(String model) throws Exception {
        Path folder = model.equals("git-tiny-shapes") ? SharedFixtures.tinyShapes() : SharedFixtures.tinyRandom();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<ParityRunner.CaseResult> results = ParityRunner.run(folder, CASES.resolve(model).resolve("cases.json"),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        System.out.print(buffer.toString(StandardCharsets.UTF_8));
        assertThat(results).extracting(ParityRunner.CaseResult::name)
                .anyMatch(n -> n.contains("lp0_6_early_false")).anyMatch(n -> n.contains("lp2_0_early_false"))
                .anyMatch(n -> n.contains("early_true")).anyMatch(n -> n.contains("early_never"));
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
    }
}
