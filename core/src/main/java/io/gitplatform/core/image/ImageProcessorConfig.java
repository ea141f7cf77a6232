package io.gitplatform.core.image;

import com.google.gson.JsonObject;
import io.gitplatform.core.config.ConfigException;
import io.gitplatform.core.config.JsonFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code preprocessor_config.json}: transformers' {@code CLIPImageProcessor} (git-base, git-base-coco) or
 * {@code VideoMAEImageProcessor} (git-base-vatex). Field names as in the file; defaults as each processor's.
 *
 * @param shortest_edge the {@code size.shortest_edge} the short side is resized to (the long side floored), or 0 when
 *                      {@code size} gives an exact {@code height} and {@code width}
 * @param resample      PIL filter code: 2 bilinear, 3 bicubic
 */
public record ImageProcessorConfig(
        String image_processor_type,
        boolean do_resize,
        int shortest_edge,
        int size_height,
        int size_width,
        int resample,
        boolean do_center_crop,
        int crop_height,
        int crop_width,
        boolean do_rescale,
        double rescale_factor,
        boolean do_normalize,
        double[] image_mean,
        double[] image_std) {

    public static final String CLIP = "CLIPImageProcessor";
    public static final String VIDEO_MAE = "VideoMAEImageProcessor";
    public static final int BILINEAR = 2;
    public static final int BICUBIC = 3;
    static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};
    static final double[] HALF = {0.5, 0.5, 0.5};

    public static ImageProcessorConfig read(Path file) {
        JsonFields f = JsonFields.read(file);
        // Older files name only the feature extractor, which transformers maps to its image processor.
        String type = f.stringOr("image_processor_type", f.stringOr("feature_extractor_type", CLIP));
        String base = baseType(type);
        boolean videoMae = base.equals(VIDEO_MAE);
        if (!videoMae && !base.equals(CLIP)) {
            throw new ConfigException(file, "image_processor_type '" + type + "' is not supported ("
                    + CLIP + " or " + VIDEO_MAE + ")");
        }
        JsonFields size = sizeDict(f, "size", "shortest_edge");
        int shortest = size.has("shortest_edge") ? size.positiveIntOr("shortest_edge", 224) : 0;
        int height = size.has("height") ? size.positiveIntOr("height", 224) : 0;
        int width = size.has("width") ? size.positiveIntOr("width", 224) : 0;
        if (shortest == 0 && (height == 0 || width == 0)) {
            if (f.has("size") && !size.has("shortest_edge")) {
                throw new ConfigException(file, "size needs shortest_edge, or height and width");
            }
            shortest = 224;
        }
        JsonFields crop = sizeDict(f, "crop_size", null);
        int resample = f.intOr("resample", videoMae ? BILINEAR : BICUBIC);
        if (resample != BILINEAR && resample != BICUBIC) {
            throw new ConfigException(file, "resample " + resample + " is not supported (2 bilinear, 3 bicubic)");
        }
        double[] mean = f.doublesOr("image_mean", videoMae ? HALF : CLIP_MEAN);
        double[] std = f.doublesOr("image_std", videoMae ? HALF : CLIP_STD);
        if (mean.length != 3 || std.length != 3) {
            throw new ConfigException(file, "image_mean and image_std need 3 values (RGB)");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new ConfigException(file, "image_std values must be positive");
            }
        }
        return new ImageProcessorConfig(base, f.boolOr("do_resize", true), shortest, height, width, resample,
                f.boolOr("do_center_crop", true), crop.positiveIntOr("height", 224), crop.positiveIntOr("width", 224),
                f.boolOr("do_rescale", true), f.doubleOr("rescale_factor", 1 / 255.0), f.boolOr("do_normalize", true),
                mean, std);
    }

    /** The processor a type name stands for: feature extractors and the Fast / Pil backends share its settings. */
    private static String baseType(String type) {
        String base = type.replace("FeatureExtractor", "ImageProcessor");
        for (String backend : new String[] {"Fast", "Pil"}) {
            if (base.endsWith(backend)) {
                return base.substring(0, base.length() - backend.length());
            }
        }
        return base;
    }

    /**
     * {@code size} or {@code crop_size} as an object. Older files give one int, which transformers reads as
     * {@code intKey} ({@code shortest_edge} for {@code size}, both {@code height} and {@code width} when null), or a
     * {@code [height, width]} pair.
     */
    private static JsonFields sizeDict(JsonFields f, String name, String intKey) {
        try {
            return f.object(name);
        } catch (ConfigException notAnObject) {
            List<Integer> values = f.intsOr(name, List.of());
            JsonObject dict = new JsonObject();
            if (values.size() == 1 && intKey != null) {
                dict.addProperty(intKey, values.get(0));
            } else if (values.size() == 1 || values.size() == 2) {
                dict.addProperty("height", values.get(0));
                dict.addProperty("width", values.get(values.size() - 1));
            } else {
                throw new ConfigException(f.file(), name + " must be an object, an int or [height, width]");
            }
            return new JsonFields(f.file(), dict);
        }
    }

    /** The file if present, else what transformers' CLIP processor would use for a model of this image size. */
    public static ImageProcessorConfig readOrDefault(Path file, int imageSize) {
        if (Files.exists(file)) {
            return read(file);
        }
        return new ImageProcessorConfig(CLIP, true, imageSize, 0, 0, BICUBIC, true, imageSize, imageSize, true,
                1 / 255.0, true, CLIP_MEAN, CLIP_STD);
    }
}
