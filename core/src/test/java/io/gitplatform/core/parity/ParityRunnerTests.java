package io.gitplatform.core.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.testing.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParityRunnerTests {

    @Test
    void everyCaseOfTheTinyRandomFixtureMatchesTransformers() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<ParityRunner.CaseResult> results = ParityRunner.run(SharedFixtures.tinyRandom(),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        System.out.print(buffer.toString(StandardCharsets.UTF_8));
        assertThat(results).extracting(ParityRunner.CaseResult::name).contains("caption_greedy",
                "caption_batch2_greedy", "caption_beam3", "video_greedy", "vqa_greedy",
                "vqa_batch2_left_padded_greedy", "teacher_forced", "vision_last_hidden_state", "visual_projection");
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
    }
}
