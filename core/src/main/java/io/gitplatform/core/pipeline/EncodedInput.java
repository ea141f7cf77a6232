package io.gitplatform.core.pipeline;

import io.gitplatform.core.model.ImagePrefix;

/**
 * One image or video after the vision tower, projection and the decoder's image-token keys and values: reuse it for
 * every question, label and beam about that input. Close it to free the tensors.
 *
 * @param frames frames encoded (1 for a still image)
 * @param video  whether temporal embeddings were added
 */
public record EncodedInput(ImagePrefix prefix, int frames, boolean video, long encodeNanos) implements AutoCloseable {
    @Override
    public void close() {
        prefix.close();
    }
}
