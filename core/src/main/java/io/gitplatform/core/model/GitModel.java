package io.gitplatform.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gitplatform.core.config.GitConfig;
import io.gitplatform.core.config.GitVisionConfig;
import io.gitplatform.core.safetensors.CheckpointException;
import io.gitplatform.core.safetensors.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * transformers' {@code GitForCausalLM}, hand-written on DJL: the CLIP vision tower, the visual projection with temporal
 * embeddings, and the BERT decoder with its LM head ({@code output}). Inference only; thread-safe once loaded (each call
 * works in its own sub-manager).
 */
public final class GitModel implements AutoCloseable {

    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "model.safetensors";

    private final GitConfig config;
    private final NDManager manager;
    private final SafetensorsFile weightsFile;
    private final DataType dtype;
    private final VisionTransformer vision;
    /** {@code git.img_temperal_embedding.F} stacked: [frames, 1, vision hidden], or null for image-only models. */
    private final NDArray temporal;
    private final VisualProjection projection;
    private final TextEmbeddings embeddings;
    private final List<GitLayer> layers = new ArrayList<>();
    private final Linear lmHead;
    private final long parameterCount;

    private GitModel(GitConfig config, Path weightsPath, NDManager manager, DataType dtype) {
        this.config = config;
        this.manager = manager;
        this.dtype = dtype;
        this.weightsFile = SafetensorsFile.open(weightsPath);
        try {
            Weights w = new Weights(weightsFile, weightsPath, manager, dtype);
            WeightPath git = WeightPath.ROOT.child("git");
            GitVisionConfig vc = config.vision_config();
            this.vision = new VisionTransformer(w, git.child("image_encoder").child("vision_model"), vc);
            this.temporal = config.num_image_with_embedding() == null ? null : loadTemporal(w, git, config);
            this.projection = new VisualProjection(w, git.child("visual_projection"), config);
            this.embeddings = new TextEmbeddings(w, git.child("embeddings"), config);
            for (int i = 0; i < config.num_hidden_layers(); i++) {
                layers.add(new GitLayer(w, git.child("encoder").child("layer", i), config));
            }
            this.lmHead = new Linear(w, WeightPath.ROOT.child("output"), config.hidden_size(), config.vocab_size());
            // transformers keeps these index buffers in some files; they are arange() and carry no weights.
            w.ignore(name -> name.endsWith(".position_ids"));
            w.finish();
            this.parameterCount = weightsFile.entries().values().stream()
                    .filter(e -> !e.name().endsWith(".position_ids")).mapToLong(e -> e.numel()).sum();
        } catch (RuntimeException e) {
            manager.close();
            weightsFile.close();
            throw e;
        }
    }

    /**
     * Loads {@code config.json} and {@code model.safetensors} from a Hugging Face model folder.
     *
     * @param dtype how the weights are stored: FLOAT32, FLOAT16, or BFLOAT16 (matrix products in bfloat16, the rest in
     *              float32; the constant only names the choice and is never handed to DJL, see {@link Bf16}). Any
     *              checkpoint type loads into any of them.
     */
    public static GitModel load(Path folder, DataType dtype, Device device) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16 && dtype != DataType.BFLOAT16) {
            throw new IllegalArgumentException("dtype must be float32, float16 or bfloat16, got " + dtype);
        }
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new CheckpointException(weights, "not found (a GIT model folder needs " + WEIGHTS_FILE + ")");
        }
        GitConfig config = GitConfig.read(folder.resolve(CONFIG_FILE));
        try {
            return new GitModel(config, weights, NDManager.newBaseManager(device), dtype);
        } finally {
            NativeMemory.release(); // the load's chunks, casts and joins are freed by now
        }
    }

    private static NDArray loadTemporal(Weights w, WeightPath git, GitConfig config) {
        int frames = config.num_image_with_embedding();
        int hidden = config.vision_config().hidden_size();
        NDList parts = new NDList();
        for (int f = 0; f < frames; f++) {
            // The real git-base-vatex file says "temperal"; files written by transformers 5 say "temporal".
            parts.add(w.takeAny(List.of(git.child("img_temperal_embedding", f).prefix(),
                    git.child("img_temporal_embedding", f).prefix()), 1, 1, hidden));
        }
        if (parts.stream().anyMatch(p -> p == null)) {
            return null;
        }
        NDArray stacked = NDArrays.concat(parts, 0); // [frames, 1, hidden]
        parts.close();
        return stacked;
    }

    public GitConfig config() {
        return config;
    }

    public DataType dtype() {
        return dtype;
    }

    public Device device() {
        return manager.getDevice();
    }

    public NDManager manager() {
        return manager;
    }

    /** Parameters in the checkpoint (every tensor the model loaded). */
    public long parameterCount() {
        return parameterCount;
    }

    /**
     * Encodes P still images ({@code frames == 0}, pixels [P, C, H, W]) or P videos of {@code frames} frames each (pixels
     * [P, frames, C, H, W]) into the decoder's image prefix. All frames go through the vision tower as one batch.
     */
    public ImagePrefix encode(float[] pixels, int images, int frames) {
        GitVisionConfig vc = config.vision_config();
        int perInput = Math.max(frames, 1);
        long expected = (long) images * perInput * vc.num_channels() * vc.image_size() * vc.image_size();
        if (images <= 0 || pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " pixel values for " + images + " x "
                    + perInput + " frames of " + vc.num_channels() + "x" + vc.image_size() + "x" + vc.image_size()
                    + ", got " + pixels.length);
        }
        if (frames > 0 && (temporal == null || frames > temporal.getShape().get(0))) {
            throw new IllegalArgumentException("this model takes videos of at most "
                    + (temporal == null ? 0 : temporal.getShape().get(0)) + " frames, got " + frames);
        }
        NDManager owner = manager.newSubManager();
        try (NDManager scratch = owner.newSubManager()) {
            // float32 however the model is stored: see Precision
            NDArray x = scratch.create(pixels, new Shape((long) images * perInput, vc.num_channels(),
                    vc.image_size(), vc.image_size()));
            NDArray hidden = visionPass(x); // [P*F, tokens, vision hidden]
            long tokensPerFrame = hidden.getShape().get(1);
            long vh = hidden.getShape().get(2);
            if (frames > 0) {
                NDArray t = temporal.get(scratch, new NDIndex("0:" + frames)).toType(DataType.FLOAT32, false)
                        .reshape(1, frames, 1, vh);
                hidden = hidden.reshape(images, frames, tokensPerFrame, vh).add(t)
                        .reshape(images, frames * tokensPerFrame, vh); // [P, F*tokens, vision hidden]
            }
            NDArray h = projection.forward(hidden); // [P, N, hidden]
            NDArray[] keysT = new NDArray[layers.size()];
            NDArray[] values = new NDArray[layers.size()];
            for (int l = 0; l < layers.size(); l++) {
                GitLayer layer = layers.get(l);
                boolean last = l == layers.size() - 1;
                GitLayer.ImageLayer out = Scope.consuming(h,
                        in -> last ? layer.imageKeysValues(in, owner) : layer.image(in, owner),
                        GitLayer.ImageLayer::output);
                keysT[l] = out.keysT();
                values[l] = out.values();
                h = out.output();
            }
            return new ImagePrefix(owner, keysT, values, images, (int) (perInput * tokensPerFrame), frames);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        } finally {
            NativeMemory.release(); // the pass's activations are freed by now
        }
    }

    /** The vision tower alone: pixels [F, C, H, W] -> float32 last hidden state [F, tokens, vision hidden]. */
    public NDArray visionForward(NDArray pixels) {
        NDArray hidden = visionPass(pixels);
        NativeMemory.release(); // as after an encode: its intermediates are freed by now
        return hidden;
    }

    private NDArray visionPass(NDArray pixels) {
        return vision.forward(Precision.as(pixels, DataType.FLOAT32, pixels));
    }

    /** The visual projection alone: [P, N, vision hidden] -> [P, N, hidden]. */
    public NDArray projectionForward(NDArray visionHidden) {
        return projection.forward(visionHidden);
    }

    /**
     * One decoder pass over {@code input}'s T new text tokens for B rows, appending their keys and values to
     * {@code cache}.
     *
     * @param image the prefix, with one entry per row or a single shared entry
     * @return float32 logits owned by {@code step}: [B, T, vocab] when {@link DecodeInput#allLogits()}, else [B, vocab]
     */
    public NDArray decode(NDManager step, ImagePrefix image, TextCache cache, DecodeInput input) {
        int b = input.rows();
        int t = input.width();
        int s = cache.length();
        if (b != cache.rows()) {
            throw new IllegalArgumentException(b + " rows for a cache of " + cache.rows());
        }
        for (long p : input.positions()) {
            if (p < 0 || p >= config.max_position_embeddings()) {
                throw new IllegalArgumentException("text position " + p + " is beyond the model's "
                        + config.max_position_embeddings() + " positions");
            }
        }
        DataType compute = Precision.forPass(dtype, (long) b * t);
        NDArray mask = seesEverything(cache, input) ? null
                : step.create(textMask(cache.valid, input.valid(), s, t), new Shape(b, 1, t, s + t)); // float32
        NDArray h = embeddings.forward(step, input.ids(), input.positions(), b, t, compute); // [B, T, hidden]
        for (int l = 0; l < layers.size(); l++) {
            int layer = l;
            h = Scope.consuming(h, in -> layers.get(layer).step(in, image, cache, layer, mask));
        }
        cache.extendValid(input.valid());
        NDArray last = input.allLogits() ? h : h.get(":, -1, :"); // [B, (T,) hidden]
        NDArray logits = lmHead.forwardWide(last);
        return logits.getDataType() == DataType.FLOAT32 ? logits : logits.toType(DataType.FLOAT32, false);
    }

    /**
     * Whether every query may see every key, so the additive mask would be all zeros and is not built: one new token
     * per row (nothing later to hide) and no padding in the cache or the input (a generation step after an unpadded
     * prompt).
     */
    private static boolean seesEverything(TextCache cache, DecodeInput input) {
        return input.width() == 1 && allTrue(cache.valid) && allTrue(input.valid());
    }

    private static boolean allTrue(boolean[][] rows) {
        for (boolean[] row : rows) {
            for (boolean v : row) {
                if (!v) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Additive mask [B, 1, T, S+T]: a query sees real cached tokens and real new tokens at or before itself. */
    private static float[] textMask(boolean[][] cached, boolean[][] added, int s, int t) {
        int b = added.length;
        int keys = s + t;
        float[] mask = new float[b * t * keys];
        for (int r = 0; r < b; r++) {
            for (int q = 0; q < t; q++) {
                int base = (r * t + q) * keys;
                for (int k = 0; k < keys; k++) {
                    boolean real = k < s ? cached[r][k] : added[r][k - s];
                    boolean visible = k <= s + q;
                    mask[base + k] = real && visible ? 0f : Float.NEGATIVE_INFINITY;
                }
            }
        }
        return mask;
    }

    /** A new, empty text cache for {@code rows} rows. */
    public TextCache newCache(NDManager parent, int rows) {
        return new TextCache(parent, layers.size(), rows, Precision.ATTENTION);
    }

    @Override
    public void close() {
        manager.close();
        weightsFile.close();
        NativeMemory.release(); // the weights: a model loaded next (a reload) then starts from a trimmed heap
    }
}
