package io.gitplatform.spi;

import java.util.List;

/**
 * What the platform lends a task head for one request: the model's generation and scoring, nothing of its internals.
 *
 * <p>Every call about the same {@link TaskInput} object in one request shares one vision pass. Generation is batched
 * by the platform: calls from concurrent requests with equal settings share one vision pass and one generation loop,
 * and each gets exactly what it would get alone. Calls stream tokens to the request's {@link TaskRequest#tokens()}
 * (row = the prompt's index in the call), stop early when its {@link TaskRequest#cancellation()} is set, and report
 * the {@code encode}, {@code generate} and {@code score} stages to its {@link TaskRequest#progress()}.
 */
public interface TaskContext {

    /** The model: its name, video frame count, text positions and dtype. */
    ModelInfo model();

    /** The tokenizer, for heads that work on token ids. */
    TextTokens tokens();

    /**
     * Generates a continuation of {@code [CLS]} + prompt for each prompt about {@code input}: an empty prompt
     * captions, a question is answered (GIT's VQA takes the question without {@code [SEP]}).
     *
     * @param settings overrides of the request's configured defaults ({@link GenerationSettings#DEFAULTS}: none)
     * @throws IllegalArgumentException for settings out of range
     */
    List<TextResult> generate(TaskInput input, List<String> prompts, GenerationSettings settings);

    /** A caption of {@code input}. */
    default TextResult caption(TaskInput input, GenerationSettings settings) {
        return generate(input, List.of(""), settings).get(0);
    }

    /** One answer per question, all generated in one batch. */
    default List<TextResult> ask(TaskInput input, List<String> questions, GenerationSettings settings) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("ask needs at least one question");
        }
        for (String q : questions) {
            if (q == null || q.isBlank()) {
                throw new IllegalArgumentException("a question must not be empty");
            }
        }
        return generate(input, questions, settings);
    }

    /**
     * The log-likelihood of each continuation after {@code [CLS]} + prompt (null or empty: none), summed over its
     * tokens and the closing {@code [SEP]}: classification by generation. One batched pass.
     */
    double[] score(TaskInput input, String prompt, List<String> continuations);

    /**
     * The log-likelihood of every continuation after every prompt, as token ids (each prompt starts with
     * {@link TextTokens#cls()}): entry [p][c]. Each prompt runs once; one batched pass scores all continuations.
     */
    double[][] scoreTokens(TaskInput input, List<long[]> prompts, List<long[]> continuations);

    /** The vision time this request spent so far, and the time since it started. */
    TaskTimings timings();
}
