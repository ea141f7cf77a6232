package io.gitplatform.spi;

import java.util.List;

/**
 * Generation overrides from a request: every field is optional, and what is left null comes from the platform's
 * configuration and then the checkpoint's {@code generation_config.json}. Meanings and ranges are transformers'.
 */
public record GenerationSettings(
        Integer maxNewTokens,
        Integer minNewTokens,
        Integer numBeams,
        Double lengthPenalty,
        EarlyStopping earlyStopping,
        Boolean doSample,
        Double temperature,
        Integer topK,
        Double topP,
        Long seed,
        Double frequencyPenalty,
        Double presencePenalty) {

    /** The settings without penalties (OpenAI's frequency and presence penalties, off). */
    public GenerationSettings(Integer maxNewTokens, Integer minNewTokens, Integer numBeams, Double lengthPenalty,
            EarlyStopping earlyStopping, Boolean doSample, Double temperature, Integer topK, Double topP, Long seed) {
        this(maxNewTokens, minNewTokens, numBeams, lengthPenalty, earlyStopping, doSample, temperature, topK, topP,
                seed, null, null);
    }

    /** These settings with OpenAI's penalties: a generated token's logit is lowered by frequency x its count so far
     * and by presence once it occurred. */
    public GenerationSettings withPenalties(Double frequency, Double presence) {
        return new GenerationSettings(maxNewTokens, minNewTokens, numBeams, lengthPenalty, earlyStopping, doSample,
                temperature, topK, topP, seed, frequency, presence);
    }

    /** No overrides: the checkpoint's defaults. */
    public static final GenerationSettings DEFAULTS = new GenerationSettings(null, null, null, null, null, null, null,
            null, null, null);

    /** The options every generating task head accepts, named as the REST layer spells them, with their ranges. */
    public static final List<TaskOption> OPTIONS = List.of(
            new TaskOption("generation.max_new_tokens", OptionType.INTEGER, null,
                    "tokens to generate at most (default: the model's generation_config.json)").between(1.0, 512.0),
            new TaskOption("generation.min_new_tokens", OptionType.INTEGER, "0",
                    "the end token is forbidden until this many tokens were generated").between(0.0, 512.0),
            new TaskOption("generation.num_beams", OptionType.INTEGER, null, "beams for beam search (1: no beams)")
                    .between(1.0, 16.0),
            new TaskOption("generation.length_penalty", OptionType.NUMBER, null,
                    "beam scores are divided by length ** length_penalty"),
            new TaskOption("generation.early_stopping", OptionType.STRING, null,
                    "when beam search stops, as transformers: true (as soon as num_beams hypotheses are finished),"
                            + " false (when no running beam can beat them at its current length) or never (at any"
                            + " length it could reach)").allowing("true", "false", "never"),
            new TaskOption("generation.do_sample", OptionType.BOOLEAN, null, "sample instead of greedy/beam search"),
            new TaskOption("generation.temperature", OptionType.NUMBER, null, "sampling temperature (> 0)")
                    .between(0.0, null),
            new TaskOption("generation.top_k", OptionType.INTEGER, null, "sampling keeps the k most likely tokens")
                    .between(0.0, null),
            new TaskOption("generation.top_p", OptionType.NUMBER, null,
                    "sampling keeps the smallest token set whose probability reaches p").between(0.0, 1.0),
            new TaskOption("generation.seed", OptionType.INTEGER, "0", "sampling seed: the same seed, the same text"),
            new TaskOption("generation.frequency_penalty", OptionType.NUMBER, null,
                    "OpenAI's: a generated token's logit is lowered by this times its count so far (greedy and"
                            + " sampling)").between(-2.0, 2.0),
            new TaskOption("generation.presence_penalty", OptionType.NUMBER, null,
                    "OpenAI's: a generated token's logit is lowered by this once it occurred (greedy and sampling)")
                    .between(-2.0, 2.0));

    /** A head's own options followed by the generation options ({@link #OPTIONS}): what a generating head declares. */
    public static List<TaskOption> optionsWith(TaskOption... own) {
        List<TaskOption> all = new java.util.ArrayList<>(List.of(own));
        all.addAll(OPTIONS);
        return List.copyOf(all);
    }

    /** The settings named by {@link #OPTIONS}, from checked values by option name; absent names stay null. */
    public static GenerationSettings of(java.util.Map<String, String> values) {
        java.util.function.Function<String, String> v = n -> values.get("generation." + n);
        return new GenerationSettings(integer(v.apply("max_new_tokens")), integer(v.apply("min_new_tokens")),
                integer(v.apply("num_beams")), number(v.apply("length_penalty")), earlyStopping(v.apply("early_stopping")),
                bool(v.apply("do_sample")), number(v.apply("temperature")), integer(v.apply("top_k")),
                number(v.apply("top_p")), v.apply("seed") == null ? null : Long.parseLong(v.apply("seed").trim()),
                number(v.apply("frequency_penalty")), number(v.apply("presence_penalty")));
    }

    /** The inverse of {@link #of}: the set fields as text values by option name. */
    public java.util.Map<String, String> toValues() {
        Object[][] fields = {{"max_new_tokens", maxNewTokens}, {"min_new_tokens", minNewTokens},
                {"num_beams", numBeams}, {"length_penalty", lengthPenalty}, {"early_stopping", earlyStopping == null ? null : earlyStopping.spelling()},
                {"do_sample", doSample}, {"temperature", temperature}, {"top_k", topK}, {"top_p", topP}, {"seed", seed},
                {"frequency_penalty", frequencyPenalty}, {"presence_penalty", presencePenalty}};
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Object[] f : fields) {
            if (f[1] != null) {
                out.put("generation." + f[0], String.valueOf(f[1]));
            }
        }
        return out;
    }

    private static Integer integer(String s) {
        return s == null ? null : Integer.parseInt(s.trim());
    }

    private static Double number(String s) {
        return s == null ? null : Double.parseDouble(s.trim());
    }

    private static EarlyStopping earlyStopping(String s) {
        return s == null ? null : EarlyStopping.parse(s);
    }

    private static Boolean bool(String s) {
        return s == null ? null : Boolean.parseBoolean(s.trim());
    }

    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, null, 1, null, null, false, null, null, null, null);
    }

    public static GenerationSettings beams(int numBeams, int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, null, numBeams, null, null, false, null, null, null, null);
    }

    public static GenerationSettings sampling(double temperature, int topK, double topP, long seed) {
        return new GenerationSettings(null, null, 1, null, null, true, temperature, topK, topP, seed);
    }
}
