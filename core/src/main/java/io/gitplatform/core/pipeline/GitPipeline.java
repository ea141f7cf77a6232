package io.gitplatform.core.pipeline;

import io.gitplatform.core.generate.Generation;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.Generator;
import io.gitplatform.core.image.ImageProcessor;
import io.gitplatform.core.model.GitModel;
import io.gitplatform.core.tokenizer.GitTokenizer;
import io.gitplatform.spi.ModelInfo;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TextTokens;
import io.gitplatform.spi.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A loaded GIT model with its tokenizer and image processor: frames in, text out (encoding, generation) and label
 * scores ({@link LabelScorer}). The building block of every task head; thread-safe.
 */
public final class GitPipeline implements AutoCloseable {
    private final ModelFolder folder;
    private final EngineSettings settings;
    private final GitModel model;
    private final GitTokenizer tokenizer;
    private final ImageProcessor processor;
    private final Generator generator;
    private final LabelScorer scorer;
    private final long parameters;

    private GitPipeline(ModelFolder folder, EngineSettings settings, GitModel model, GitTokenizer tokenizer) {
        this.folder = folder;
        this.settings = settings;
        this.model = model;
        this.tokenizer = tokenizer;
        this.processor = new ImageProcessor(folder.processor());
        this.generator = new Generator(model, folder.generation().eos_token_id(), folder.generation().pad_token_id());
        this.scorer = new LabelScorer(model, tokenizer, this::prompt);
        this.parameters = model.parameterCount();
    }

    public static GitPipeline open(ModelFolder folder, EngineSettings settings) {
        GitModel model = GitModel.load(folder.path(), settings.dtype(), settings.device());
        try {
            return new GitPipeline(folder, settings, model, GitTokenizer.load(folder.path()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public ModelFolder folder() {
        return folder;
    }

    public EngineSettings settings() {
        return settings;
    }

    public GitModel model() {
        return model;
    }

    public GitTokenizer tokenizer() {
        return tokenizer;
    }

    public ImageProcessor processor() {
        return processor;
    }

    public long parameterCount() {
        return parameters;
    }

    /** What a task head may know of the model. */
    public ModelInfo info() {
        return new ModelInfo(folder.name(), videoFrames(), model.config().vision_config().tokensPerFrame(),
                model.config().max_position_embeddings(), dtypeName());
    }

    /** The weights' type: {@code float32}, {@code float16}, {@code bfloat16}. */
    public String dtypeName() {
        return settings.dtype().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The tokenizer as the plugin API lends it to task heads. */
    public TextTokens textTokens() {
        return new TextTokens() {
            @Override
            public long[] encode(String text) {
                return tokenizer.encode(text, false);
            }

            @Override
            public String decode(long[] ids) {
                return tokenizer.decode(ids, true);
            }

            @Override
            public long cls() {
                return tokenizer.clsTokenId();
            }

            @Override
            public long sep() {
                return tokenizer.sepTokenId();
            }
        };
    }

    /** Frames a video is sampled to for this model ({@code num_image_with_embedding}; 1 for image-only models). */
    public int videoFrames() {
        return model.config().frames();
    }

    /** The checkpoint's generation defaults. */
    public GenerationOptions defaultOptions() {
        return GenerationOptions.from(folder.generation());
    }

    /**
     * Runs the vision side once for one input: a still image (one frame, {@code video} false) or a video's frames (at
     * most {@link #videoFrames()}).
     */
    public EncodedInput encode(List<RgbImage> frames, boolean video) {
        checkFrames(frames.size(), video);
        long start = System.nanoTime();
        float[] pixels = processor.preprocessFrames(frames);
        return new EncodedInput(model.encode(pixels, 1, video ? frames.size() : 0), frames.size(), video,
                System.nanoTime() - start);
    }

    /**
     * Encodes P inputs of one kind and frame count in ONE vision pass (what a dynamic batcher needs): still images
     * ({@code video} false, one frame each) or videos of the same number of frames. Input i is image i of the prefix.
     */
    public EncodedInput encodeBatch(List<List<RgbImage>> inputs, boolean video) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs to encode");
        }
        List<float[]> pixels = new ArrayList<>();
        for (List<RgbImage> input : inputs) {
            pixels.add(preprocess(input, video));
        }
        return encodePixels(pixels, inputs.get(0).size(), video);
    }

    /**
     * One input's pixels as the vision tower takes them ([F, C, H, W]): callers may preprocess on their own threads
     * while the model runs, then {@link #encodePixels}.
     */
    public float[] preprocess(List<RgbImage> frames, boolean video) {
        checkFrames(frames.size(), video);
        return processor.preprocessFrames(frames);
    }

    /** {@link #encodeBatch} from pixels made by {@link #preprocess}: every input has {@code frames} frames. */
    public EncodedInput encodePixels(List<float[]> inputs, int frames, boolean video) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs to encode");
        }
        checkFrames(frames, video);
        int each = inputs.get(0).length;
        float[] all = new float[each * inputs.size()]; // [P, F, C, H, W]
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).length != each) {
                throw new IllegalArgumentException("a batch needs inputs of one frame count, got " + each + " and "
                        + inputs.get(i).length + " pixel values");
            }
            System.arraycopy(inputs.get(i), 0, all, i * each, each);
        }
        long start = System.nanoTime();
        return new EncodedInput(model.encode(all, inputs.size(), video ? frames : 0), frames, video,
                System.nanoTime() - start);
    }

    /**
     * Generates for prompts that look at different inputs of one {@link #encodeBatch} result: prompt i (empty for a
     * caption, else a question) looks at input {@code promptInput[i]}. Each prompt gets what it gets alone.
     */
    public List<TextResult> generate(EncodedInput batch, int[] promptInput, List<String> prompts,
            GenerationOptions options, TokenListener listener, BooleanSupplier cancelled) {
        return generateTokens(batch, promptInput, prompts.stream().map(this::prompt).toList(), options, listener,
                cancelled);
    }

    private void checkFrames(int frames, boolean video) {
        if (frames == 0) {
            throw new IllegalArgumentException("no frames to encode");
        }
        if (!video && frames != 1) {
            throw new IllegalArgumentException("a still image has one frame, got " + frames);
        }
        if (video && frames > videoFrames()) {
            throw new IllegalArgumentException("this model takes at most " + videoFrames() + " frames, got " + frames);
        }
    }

    /** A caption: generation from {@code [CLS]} alone. */
    public TextResult caption(EncodedInput input, GenerationOptions options, TokenListener listener,
            BooleanSupplier cancelled) {
        return generate(input, List.of(""), options, listener, cancelled).get(0);
    }

    /**
     * Answers: generation from {@code [CLS]} + question (no {@code [SEP]}), all questions in one batch. Questions are
     * checked where they arrive (the task's option descriptors, {@code TaskContext.ask}), not again here.
     */
    public List<TextResult> ask(EncodedInput input, List<String> questions, GenerationOptions options,
            TokenListener listener, BooleanSupplier cancelled) {
        return generate(input, questions, options, listener, cancelled);
    }

    private List<TextResult> generate(EncodedInput input, List<String> prompts, GenerationOptions options,
            TokenListener listener, BooleanSupplier cancelled) {
        return generateTokens(input, new int[prompts.size()], prompts.stream().map(this::prompt).toList(), options,
                listener, cancelled);
    }

    /**
     * Generates for prompts given as token ids (each starting with {@code [CLS]}): prompt i looks at input
     * {@code promptInput[i]} of {@code input}. Each prompt gets what it gets alone.
     */
    public List<TextResult> generateTokens(EncodedInput input, int[] promptInput, List<long[]> ids,
            GenerationOptions options, TokenListener listener, BooleanSupplier cancelled) {
        List<Generation> out = generator.generate(input.prefix(), promptInput, ids, options, listener, cancelled);
        List<TextResult> results = new ArrayList<>();
        for (Generation g : out) {
            results.add(new TextResult(tokenizer.decode(g.tokens(), true), g.tokens(), g.prompt().length, g.finish(),
                    g.score()));
        }
        return results;
    }

    /** {@code [CLS]} followed by the text's tokens, without {@code [SEP]} (how GIT was trained for VQA). */
    public long[] prompt(String text) {
        long[] body = text.isEmpty() ? new long[0] : tokenizer.encode(text, false);
        long[] ids = new long[body.length + 1];
        ids[0] = tokenizer.clsTokenId();
        System.arraycopy(body, 0, ids, 1, body.length);
        return ids;
    }

    /**
     * The log-likelihood of each continuation after {@code prompt}, summed over its tokens and the closing
     * {@code [SEP]}: classification by generation (see {@link LabelScorer}).
     */
    public double[] scoreContinuations(EncodedInput input, String prompt, List<String> continuations) {
        return scorer.scoreContinuations(input, 0, prompt, continuations);
    }

    /** {@link #scoreContinuations(EncodedInput, String, List)} about input {@code image} of a batched encoding. */
    public double[] scoreContinuations(EncodedInput input, int image, String prompt, List<String> continuations) {
        return scorer.scoreContinuations(input, image, prompt, continuations);
    }

    /** The log-likelihood of every continuation after every prompt, as token ids (see {@link LabelScorer}). */
    public double[][] scoreTokens(EncodedInput input, List<long[]> prompts, List<long[]> continuations) {
        return scorer.scoreTokens(input, 0, prompts, continuations);
    }

    /** {@link #scoreTokens(EncodedInput, List, List)} about input {@code image} of a batched encoding. */
    public double[][] scoreTokens(EncodedInput input, int image, List<long[]> prompts, List<long[]> continuations) {
        return scorer.scoreTokens(input, image, prompts, continuations);
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
