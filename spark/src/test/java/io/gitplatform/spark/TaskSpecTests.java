package io.gitplatform.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.spi.TaskOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSpecTests {

    @Test
    void typedParametersWithJsonOptionsOnTop() {
        TaskSpec spec = TaskSpec.of("ask", List.of("what shape is it?"), List.of(), "", 0,
                "{\"generation.max_new_tokens\": 7, \"generation.do_sample\": true, \"generation.temperature\": 0.5,"
                        + " \"generation.seed\": 42, \"background\": false, \"top_k\": 2}", 0);
        TaskOptions o = spec.options(null);
        assertThat(o.questions()).containsExactly("what shape is it?");
        assertThat(o.generation().maxNewTokens()).isEqualTo(7);
        assertThat(o.generation().doSample()).isTrue();
        assertThat(o.generation().temperature()).isEqualTo(0.5);
        assertThat(o.generation().seed()).isEqualTo(42L);
        assertThat(o.topK()).isEqualTo(2);
        assertThat(o.extra()).containsEntry("background", "false");
        assertThat(spec.options(List.of("which way is it moving?")).questions())
                .containsExactly("which way is it moving?");
    }

    @Test
    void labelsAndQuestionsFromJsonArraysOrStrings() {
        TaskSpec spec = TaskSpec.of("classify", List.of(), List.of(), "", 0,
                "{\"labels\": \"circle, square,triangle\", \"questions\": [\"a?\", \"b?\"]}", 0);
        assertThat(spec.options(null).labels()).containsExactly("circle", "square", "triangle");
        assertThat(spec.options(null).questions()).containsExactly("a?", "b?");
    }

    @Test
    void badOptionsNameTheOptionAndTheProblem() {
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0,
                "{\"generation.max_new_tokens\": \"ten\"}", 0))
                .hasMessage("option generation.max_new_tokens: 'ten' is not an integer");
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0,
                "{\"generation.beams\": 3}", 0)).hasMessageStartingWith("unknown option 'generation.beams'");
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0, "[1]", 0))
                .hasMessageStartingWith("options must be a JSON object");
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0, "{", 0))
                .hasMessageStartingWith("options are not valid JSON");
        assertThatThrownBy(() -> TaskSpec.of(" ", List.of(), List.of(), "", 0, "{}", 0))
                .hasMessageStartingWith("task must name a task");
    }
}
