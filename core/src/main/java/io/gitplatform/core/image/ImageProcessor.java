package io.gitplatform.core.image;

import io.gitplatform.spi.RgbImage;
import java.util.List;

/**
 * transformers' PIL-backed {@code CLIPImageProcessor} / {@code VideoMAEImageProcessor}: resize (Pillow), centre crop,
 * rescale, normalise, to CHW float32. Each step keeps transformers' arithmetic so the result equals its
 * {@code pixel_values} to the last bit.
 */
public final class ImageProcessor {

    private final ImageProcessorConfig config;
    private final ResampleFilter filter;
    private final int height;
    private final int width;
    /** The float32 result of every uint8 value per channel: the pipeline after the crop maps each byte alone. */
    private final float[][] valueOf = new float[3][256];

    public ImageProcessor(ImageProcessorConfig config) {
        this.config = config;
        this.filter = ResampleFilter.fromPil(config.resample());
        if (config.do_center_crop()) {
            height = config.crop_height();
            width = config.crop_width();
        } else if (config.do_resize() && config.shortest_edge() == 0) {
            height = config.size_height();
            width = config.size_width();
        } else {
            throw new IllegalArgumentException("without do_center_crop or a resize to size height x width the output"
                    + " size depends on each image; the vision tower needs one fixed size");
        }
        for (int c = 0; c < 3; c++) {
            // numpy normalises float32 by float32 mean and std.
            float mean = (float) config.image_mean()[c];
            float std = (float) config.image_std()[c];
            for (int v = 0; v < 256; v++) {
                // transformers rescales in float64 and only then casts to float32.
                float x = config.do_rescale() ? (float) (v * config.rescale_factor()) : v;
                valueOf[c][v] = config.do_normalize() ? (x - mean) / std : x;
            }
        }
    }

    public ImageProcessorConfig config() {
        return config;
    }

    /** Rows of each output image. */
    public int height() {
        return height;
    }

    /** Columns of each output image. */
    public int width() {
        return width;
    }

    /** One image as {@code 3 x height() x width()} float32, channel-major (CHW). */
    public float[] preprocess(RgbImage image) {
        float[] out = new float[3 * height * width];
        preprocessInto(image, out, 0);
        return out;
    }

    /** Video frames as one {@code frames x 3 x height() x width()} array, in the given order. */
    public float[] preprocessFrames(List<RgbImage> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to preprocess");
        }
        int size = 3 * height * width;
        float[] out = new float[frames.size() * size];
        for (int f = 0; f < frames.size(); f++) {
            preprocessInto(frames.get(f), out, f * size);
        }
        return out;
    }

    private void preprocessInto(RgbImage image, float[] out, int offset) {
        RgbImage resized = config.do_resize() ? resize(image) : image;
        int h = resized.height();
        int w = resized.width();
        // transformers' center_crop: floor division, so a smaller image lands at ceil(pad / 2) in zero padding.
        int top = config.do_center_crop() ? Math.floorDiv(h - height, 2) : 0;
        int left = config.do_center_crop() ? Math.floorDiv(w - width, 2) : 0;
        byte[] rgb = resized.rgb();
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            int sy = y + top;
            for (int x = 0; x < width; x++) {
                int sx = x + left;
                boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                int p = (sy * w + sx) * 3;
                int o = offset + y * width + x;
                for (int c = 0; c < 3; c++) {
                    out[o + c * plane] = valueOf[c][inside ? rgb[p + c] & 0xFF : 0];
                }
            }
        }
    }

    /** The resize step alone (uint8, before the crop). */
    RgbImage resize(RgbImage image) {
        int[] hw = resizedSize(image.height(), image.width());
        return PillowResize.resize(image, hw[1], hw[0], filter);
    }

    /**
     * {@code {height, width}} after the resize: transformers' {@code get_resize_output_image_size} with
     * {@code default_to_square=False}: the short side becomes {@code shortest_edge}, the long side
     * {@code int(shortest_edge * long / short)} (true division, then truncation).
     */
    int[] resizedSize(int h, int w) {
        int size = config.shortest_edge();
        if (size == 0) {
            return new int[] {config.size_height(), config.size_width()};
        }
        int shortSide = Math.min(h, w);
        int longSide = Math.max(h, w);
        int newLong = (int) ((double) ((long) size * longSide) / shortSide);
        return w <= h ? new int[] {newLong, size} : new int[] {size, newLong};
    }
}
