package io.gitplatform.spi;

/**
 * The model a task runs on, as a head needs to know it.
 *
 * @param name           the model's name (its folder or hub id)
 * @param videoFrames    frames a video is sampled to ({@code num_image_with_embedding}; 1 for image-only models)
 * @param frameTokens    image tokens the decoder sees per frame (patches + the class token)
 * @param textPositions  text tokens the decoder can take (prompt + continuation)
 * @param dtype          the weights' type ({@code float32}, {@code float16}, {@code bfloat16})
 */
public record ModelInfo(String name, int videoFrames, int frameTokens, int textPositions, String dtype) {
}
