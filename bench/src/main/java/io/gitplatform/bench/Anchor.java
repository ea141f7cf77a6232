package io.gitplatform.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * transformers' CPU numbers for the same shapes ({@code ../shared/anchors/hf_cpu_bench.py}): median seconds of
 * {@code generate} with exactly 20 new tokens per case, and the vision tower per frame.
 *
 * @param float32  case name ({@code image_caption_s}, ...) to value, for transformers in float32
 * @param bfloat16 the same in bfloat16
 * @param source   where the numbers come from
 */
public record Anchor(Map<String, Double> float32, Map<String, Double> bfloat16, String source) {

    /** The numbers measured on this machine (2 threads) and documented in {@code ../shared/anchors/README.md}. */
    public static Anchor documented() {
        return new Anchor(cases(0.58, 2.24, 2.38, 0.87), cases(0.37, 1.06, 0.97, 0.31),
                "documented (anchors/README.md, 2 threads)");
    }

    /** Reads the JSON lines that {@code hf_cpu_bench.py} printed in this session. */
    public static Anchor read(Path jsonLines) throws IOException {
        Map<String, Double> f32 = new LinkedHashMap<>();
        Map<String, Double> bf16 = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonLines)) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            Map<String, Double> target = o.get("dtype").getAsString().contains("bfloat16") ? bf16 : f32;
            double generate = o.get("generate20_s_median").getAsDouble();
            switch (o.get("case").getAsString()) {
                case "image_b1" -> target.put("image_caption_s", generate);
                case "video6_b1" -> {
                    target.put("video_caption_s", generate);
                    // The script runs the tower on the video's 6 frames flattened into one batch.
                    target.put("vision_frame_ms", o.get("vision_tower_s").getAsDouble() / 6 * 1000);
                }
                case "image_b8" -> target.put("batch8_image_caption_s", generate);
                default -> {
                    // a case this bench has no counterpart for
                }
            }
        }
        return new Anchor(f32, bf16, jsonLines.toString());
    }

    private static Map<String, Double> cases(double image, double video, double batch8, double vision6) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("vision_frame_ms", vision6 / 6 * 1000);
        m.put("video_caption_s", video);
        m.put("image_caption_s", image);
        m.put("batch8_image_caption_s", batch8);
        return m;
    }
}
