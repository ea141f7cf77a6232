package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * The image tokens' keys and values in every decoder layer, for P images or videos. Image tokens never attend to text,
 * so these depend on the pixels alone: computed once, then shared by every question, label, beam and step.
 * Close it to free the tensors.
 */
public final class ImagePrefix implements AutoCloseable {
    private final NDManager manager;
    /** Per layer, keys already transposed for {@code q.matMul(kT)}: [P, heads, d, N]. */
    final NDArray[] keysT;
    /** Per layer [P, heads, N, d]. */
    final NDArray[] values;
    private final int images;
    private final int tokens;
    private final int frames;

    ImagePrefix(NDManager manager, NDArray[] keysT, NDArray[] values, int images, int tokens, int frames) {
        this.manager = manager;
        this.keysT = keysT;
        this.values = values;
        this.images = images;
        this.tokens = tokens;
        this.frames = frames;
    }

    /** How many images or videos this prefix holds (P). */
    public int images() {
        return images;
    }

    /** Image tokens per input: frames x tokens per frame. */
    public int tokens() {
        return tokens;
    }

    /** Frames per input: 0 for a still image (no temporal embedding), else the video's frame count. */
    public int frames() {
        return frames;
    }

    /**
     * A prefix with one entry per row: {@code rowImage[r]} is the image row r looks at. A single image is broadcast
     * rather than copied.
     */
    public ImagePrefix forRowsOf(int[] rowImage, NDManager target) {
        if (images == 1) {
            return this;
        }
        boolean identity = rowImage.length == images;
        for (int r = 0; identity && r < rowImage.length; r++) {
            identity = rowImage[r] == r;
        }
        if (identity) {
            return this;
        }
        long[] idx = new long[rowImage.length];
        for (int r = 0; r < idx.length; r++) {
            idx[r] = rowImage[r];
        }
        NDArray index = target.create(idx);
        NDArray[] k = new NDArray[keysT.length];
        NDArray[] v = new NDArray[values.length];
        for (int l = 0; l < k.length; l++) {
            k[l] = keysT[l].get(target, new NDIndex("{}", index));
            v[l] = values[l].get(target, new NDIndex("{}", index));
        }
        return new ImagePrefix(target, k, v, rowImage.length, tokens, frames);
    }

    @Override
    public void close() {
        manager.close();
    }
}
