package io.gitplatform.core.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gitplatform.core.image.Images;
import io.gitplatform.spi.RgbImage;
import io.gitplatform.spi.TaskInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The tiny shapes model's 16 samples ({@code models/git-tiny-shapes/samples.json}): 8 six-frame videos and 8 images
 * with their true labels (color, bg, shape, dir) and transformers' reference caption.
 */
public record ShapeSample(String name, List<RgbImage> frames, Map<String, String> labels, String referenceCaption) {

    public static List<ShapeSample> all() {
        Path dir = SharedFixtures.tinyShapes();
        try {
            List<ShapeSample> out = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(Files.readString(dir.resolve("samples.json")))
                    .getAsJsonArray()) {
                JsonObject s = e.getAsJsonObject();
                String name = s.get("name").getAsString();
                List<RgbImage> frames = new ArrayList<>();
                for (int f = 0; f < s.get("frames").getAsInt(); f++) {
                    Path png = dir.resolve("samples/" + name + "_f" + f + ".png");
                    frames.add(Images.fromBufferedImage(ImageIO.read(png.toFile())));
                }
                Map<String, String> labels = new LinkedHashMap<>();
                s.getAsJsonObject("labels").entrySet().forEach(l -> labels.put(l.getKey(), l.getValue().getAsString()));
                out.add(new ShapeSample(name, frames, labels, s.get("reference_caption").getAsString()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean video() {
        return frames.size() > 1;
    }

    /** A new input object (inputs are cached by identity). */
    public TaskInput input() {
        return video() ? TaskInput.video(frames, null) : TaskInput.image(frames.get(0));
    }

    @Override
    public String toString() {
        return name;
    }
}
