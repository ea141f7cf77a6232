package io.gitplatform.plugins.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.core.testing.EmbeddedPipelineTest;
import io.gitplatform.core.testing.ShapeSample;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskRequest;
import io.gitplatform.spi.TaskResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Label scoring and open questions on the tiny shapes model's 16 samples (8 videos, 8 images). */
class ClassifyTaskTests extends EmbeddedPipelineTest {
    private static final List<String> SHAPES = List.of("circle", "square", "triangle");
    private final ClassifyTask task = new ClassifyTask();

    private TaskResult classify(ShapeSample sample, TaskOptions options) {
        return run(task, TaskRequest.of(sample.input(), options));
    }

    private int hits(TaskOptions options) {
        int hits = 0;
        for (ShapeSample sample : ShapeSample.all()) {
            TaskResult result = classify(sample, options);
            assertThat(result.labels()).extracting(RankedLabel::label).containsExactlyInAnyOrderElementsOf(SHAPES);
            assertThat(result.labels().stream().mapToDouble(RankedLabel::probability).sum()).as(sample.name())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(result.labels()).isSortedAccordingTo(
                    (a, b) -> Double.compare(b.probability(), a.probability()));
            String best = result.labels().get(0).label();
            if (best.equals(sample.labels().get("shape"))) {
                hits++;
            }
        }
        return hits;
    }

    @Test
    void withoutAPromptTheTrueShapeRanksFirstForAtLeast15Of16() {
        int hits = hits(TaskOptions.builder().labels(SHAPES).build());
        System.out.println("caption-slot label scoring: " + hits + "/16");
        assertThat(hits).isGreaterThanOrEqualTo(15);
    }

    @Test
    void afterThePromptTheTrueShapeRanksFirstForAtLeast15Of16() {
        int hits = hits(TaskOptions.builder().labels(SHAPES).prompt("what shape is it?").build());
        System.out.println("label scoring after the prompt: " + hits + "/16");
        assertThat(hits).isGreaterThanOrEqualTo(15);
    }

    @Test
    void topKCutsTheRankingAfterNormalisingOverAllLabels() {
        ShapeSample image = ShapeSample.all().get(8); // a blue square
        TaskResult all = classify(image, TaskOptions.builder().labels(SHAPES).build());
        TaskResult top1 = classify(image, TaskOptions.builder().labels(SHAPES).topK(1).build());
        assertThat(top1.labels()).containsExactly(all.labels().get(0));
        assertThat(top1.text()).isEqualTo("square");
        assertThat(top1.usage().promptTokens()).isPositive();
    }

    @Test
    void aQuestionWithoutLabelsIsAnsweredByGeneration() {
        ShapeSample clip = ShapeSample.all().get(1); // a red triangle
        TaskResult result = classify(clip, TaskOptions.builder().prompt("what shape is it?").build());
        assertThat(result.text()).isEqualTo("triangle");
        assertThat(result.labels()).isEmpty();
        assertThat(result.answers()).singleElement().satisfies(a -> assertThat(a.question())
                .isEqualTo("what shape is it?"));
    }

    @Test
    void badRequestsAreRejected() {
        ShapeSample image = ShapeSample.all().get(8);
        assertThatThrownBy(() -> classify(image, TaskOptions.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> classify(image, TaskOptions.builder().labels(List.of("circle", "circle")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> classify(image, TaskOptions.builder().labels(List.of("circle", " ")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
