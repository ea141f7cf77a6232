package io.gitplatform.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSpecTests {

    @Test
    void typedParametersThenJsonOptionsAsTheTextFieldsOfARequest() throws Exception {
        TaskSpec spec = TaskSpec.of("vqa", List.of("what shape is it?"), List.of(), "", 0,
                "{\"generation.max_new_tokens\": 7, \"generation.do_sample\": true, \"background\": false,"
                        + " \"labels\": [\"circle\", \"square\"]}", 0);
        assertThat(spec.fields()).containsEntry("questions", List.of("what shape is it?"))
                .containsEntry("generation.max_new_tokens", List.of("7"))
                .containsEntry("generation.do_sample", List.of("true")).containsEntry("background", List.of("false"))
                .containsEntry("labels", List.of("circle", "square"));
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(spec); // it travels to the executors
    }

    @Test
    void promptAndTopKOnlyWhenSet() {
        assertThat(TaskSpec.of("classify", List.of(), List.of("a", "b"), " ", 0, "", 0).fields())
                .containsOnlyKeys("labels");
        assertThat(TaskSpec.of("classify", List.of(), List.of(), "which?", 2, "{}", 0).fields())
                .containsEntry("prompt", List.of("which?")).containsEntry("top_k", List.of("2"));
    }

    @Test
    void badJsonOrAnEmptyTaskIsRefusedOnTheDriver() {
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0, "[1]", 0))
                .hasMessageStartingWith("options must be a JSON object");
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0, "{", 0))
                .hasMessageStartingWith("options are not valid JSON");
        assertThatThrownBy(() -> TaskSpec.of("caption", List.of(), List.of(), "", 0, "{\"a\": {\"b\": 1}}", 0))
                .hasMessageStartingWith("option 'a' takes a string, number or boolean");
        assertThatThrownBy(() -> TaskSpec.of(" ", List.of(), List.of(), "", 0, "{}", 0))
                .hasMessageStartingWith("task must name a task");
    }
}
