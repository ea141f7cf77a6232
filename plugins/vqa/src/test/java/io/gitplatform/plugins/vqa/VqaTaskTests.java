package io.gitplatform.plugins.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The VQA head on the tiny shapes model. */
class VqaTaskTests extends EmbeddedPipelineTest {
    private final VqaTask task = new VqaTask();

    private TaskResult run(TaskRequest request) {
        return run(task, request);
    }

    @Test
    void fiveQuestionsAboutOneVideoRunTheVisionTowerOnce() {
        ShapeSample clip = ShapeSample.all().get(0); // a blue circle moving down on gray
        String shape = clip.labels().get("shape");
        List<String> questions = List.of("what shape is it?", "what color is the " + shape + "?",
                "what color is the background?", "which way is it moving?", "what is in this video?");
        Set<Integer> rows = ConcurrentHashMap.newKeySet();
        AtomicInteger encodes = new AtomicInteger(); // vision passes the request started
        TaskRequest request = TaskRequest.of(clip.input(), TaskOptions.builder().questions(questions).build())
                .withTokens((row, token) -> rows.add(row))
                .withProgress((stage, fraction) -> encodes.addAndGet(stage.equals("encode") && fraction == 0 ? 1 : 0));

        TaskResult result = run(request);

        assertThat(encodes).as("vision passes").hasValue(1);
        assertThat(result.answers()).extracting(Answer::question).containsExactlyElementsOf(questions);
        assertThat(result.answers()).extracting(Answer::text).startsWith(shape, clip.labels().get("color"),
                clip.labels().get("bg"));
        assertThat(result.answers()).allSatisfy(a -> assertThat(a.text()).isNotBlank());
        assertThat(result.text().lines()).hasSize(5);
        assertThat(rows).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void answersTheShapeOfEveryImage() {
        for (ShapeSample sample : ShapeSample.all()) {
            if (!sample.video()) {
                TaskResult result = run(TaskRequest.of(sample.input(),
                        TaskOptions.builder().question("what shape is it?").build()));
                assertThat(result.text()).as(sample.name()).isEqualTo(sample.labels().get("shape"));
            }
        }
    }

    @Test
    void aRequestWithoutQuestionsIsRejected() {
        ShapeSample image = ShapeSample.all().get(8);
        assertThatThrownBy(() -> run(TaskRequest.of(image.input(), TaskOptions.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one question");
    }
}
