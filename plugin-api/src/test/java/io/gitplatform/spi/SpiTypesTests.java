package io.gitplatform.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's value types: the rules plugins and callers rely on. */
class SpiTypesTests {
    @Test
    void rankedLabelsAreASoftmaxSortedBestFirstEvenForVeryUnlikelyLabels() {
        List<RankedLabel> ranked = RankedLabel.rank(List.of("a", "b", "c"), new double[] {-1002, -1000, -1003});
        assertThat(ranked).extracting(RankedLabel::label).containsExactly("b", "a", "c");
        assertThat(ranked.stream().mapToDouble(RankedLabel::probability).sum()).isCloseTo(1, within(1e-12));
        assertThat(ranked.get(0).probability()).isCloseTo(1 / (1 + Math.exp(-2) + Math.exp(-3)), within(1e-12));
    }

    @Test
    void aResultReportsTheWorstFinishAndJoinsAnswers() {
        TaskTimings timings = new TaskTimings(java.time.Duration.ZERO, java.time.Duration.ZERO);
        TaskResult result = TaskResult.ofAnswers("vqa", List.of(new Answer("q1", "yes", 3, 2, FinishReason.EOS),
                new Answer("q2", "no no no", 3, 5, FinishReason.LENGTH)), timings);
        assertThat(result.text()).isEqualTo("yes\nno no no");
        assertThat(result.usage()).isEqualTo(new TokenUsage(6, 7));
        assertThat(result.finish()).isEqualTo(FinishReason.LENGTH);
        assertThat(TaskResult.worse(FinishReason.CANCELLED, FinishReason.LENGTH)).isEqualTo(FinishReason.CANCELLED);
    }

    @Test
    void inputsAreCheckedAndComparedByIdentity() {
        RgbImage frame = new RgbImage(2, 2, new byte[12]);
        assertThatThrownBy(() -> new TaskInput(List.of(frame, frame), false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass them as a video");
        assertThatThrownBy(() -> TaskInput.video(List.of(frame, frame), new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 timestamps for 2 frames");
        assertThat(TaskInput.image(frame)).isNotEqualTo(TaskInput.image(frame));
        assertThat(TaskInput.video(List.of(frame, frame), null).kind()).isEqualTo(InputKind.VIDEO);
    }

    @Test
    void optionsTreatABlankPromptAsNone() {
        assertThat(TaskOptions.builder().prompt("  ").build().prompt()).isNull();
        assertThat(TaskOptions.builder().prompt(" what? ").build().prompt()).isEqualTo("what?");
        assertThatThrownBy(() -> TaskOptions.builder().topK(-1).build()).isInstanceOf(IllegalArgumentException.class);
    }

    private static final List<TaskOption> VQA_LIKE = List.of(
            new TaskOption("questions", OptionType.STRING_LIST, null, "questions").asRequired(),
            new TaskOption("style", OptionType.STRING, "short", "answer style").allowing("short", "long"),
            GenerationSettings.OPTIONS.get(0), GenerationSettings.OPTIONS.get(6));

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return out;
    }

    @Test
    void optionsFromTextFieldsAreTypedAndCarryTheirDefaults() {
        TaskOptions o = TaskOptions.parse("t", VQA_LIKE, fields("questions", "what?", "questions", " why? ",
                "generation.max_new_tokens", "7", "generation.temperature", "", "style", ""), OptionLimits.DEFAULT);
        assertThat(o.questions()).containsExactly("what?", "why?");
        assertThat(o.generation().maxNewTokens()).isEqualTo(7);
        assertThat(o.generation().temperature()).as("an empty form field is absent").isNull();
        assertThat(o.extra()).containsEntry("style", "short");
        assertThat(TaskOptions.parse("t", VQA_LIKE, o.toFields(), OptionLimits.DEFAULT)).isEqualTo(o);
    }

    @Test
    void answersPairEachQuestionWithItsResultInOrder() {
        List<TextResult> results = List.of(new TextResult("circle", new long[] {5, 3}, 4, FinishReason.EOS, 0),
                new TextResult("red", new long[] {7}, 6, FinishReason.LENGTH, 0));
        assertThat(Answer.all(List.of("shape?", "color?"), results)).containsExactly(
                new Answer("shape?", "circle", 4, 2, FinishReason.EOS), new Answer("color?", "red", 6, 1,
                        FinishReason.LENGTH));
        assertThatThrownBy(() -> Answer.all(List.of("shape?"), results)).hasMessage("1 questions but 2 results");
    }

    @Test
    void earlyStoppingTakesTransformersThreeSpellings() {
        for (EarlyStopping value : EarlyStopping.values()) {
            TaskOptions o = TaskOptions.parse("t", GenerationSettings.OPTIONS, fields("generation.early_stopping",
                    value.spelling()), OptionLimits.DEFAULT);
            assertThat(o.generation().earlyStopping()).isEqualTo(value);
            assertThat(o.toFields()).containsEntry("generation.early_stopping", List.of(value.spelling()));
        }
        assertThatThrownBy(() -> TaskOptions.parse("t", GenerationSettings.OPTIONS, fields(
                "generation.early_stopping", "sometimes"), OptionLimits.DEFAULT))
                .hasMessage("'generation.early_stopping' must be one of [true, false, never], got 'sometimes'");
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("colour", "red"), OptionLimits.DEFAULT))
                .hasMessageContaining("task 't' has no option 'colour'").hasMessageContaining("questions");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields(), OptionLimits.DEFAULT))
                .hasMessageContaining("needs option 'questions'");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("questions", "q",
                "generation.max_new_tokens", "600"), OptionLimits.DEFAULT))
                .hasMessage("'generation.max_new_tokens' must be between 1 and 512, got 600");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("questions", "q",
                "generation.max_new_tokens", "x"), OptionLimits.DEFAULT))
                .hasMessage("'generation.max_new_tokens' must be an integer, got 'x'");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("questions", "q", "style", "odd"),
                OptionLimits.DEFAULT)).hasMessage("'style' must be one of [short, long], got 'odd'");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("questions", "q", "questions", "r",
                "questions", "s"), new OptionLimits(2, 10))).hasMessageContaining("3 values, more than the limit of 2");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("questions", "a very long question"),
                new OptionLimits(2, 10))).hasMessageContaining("more than the limit of 10");
        assertThatThrownBy(() -> TaskOptions.parse("t", VQA_LIKE, fields("questions", "q", "style", "short",
                "style", "long"), OptionLimits.DEFAULT)).hasMessage("option 'style' takes one value, got 2");
    }

    @Test
    void aDescriptorWithAnInvalidDefaultIsRefused() {
        assertThatThrownBy(() -> new TaskOption("n", OptionType.INTEGER, "many", "count"))
                .hasMessageContaining("its default 'many' is not valid");
        assertThatThrownBy(() -> new TaskOption("Bad Name", OptionType.STRING, null, "x"))
                .hasMessageContaining("lower case");
    }
}
