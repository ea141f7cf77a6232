package io.gitplatform.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's medians.
 *
 * @param visionFrameMs        the vision tower per frame, the 6 frames of a video in one batch
 * @param videoCaptionS        encode 6 frames + 20 greedy tokens
 * @param imageCaptionS        encode 1 image + 20 greedy tokens
 * @param decodeTokenMs        one decoder step for one row, the video's image prefix cached
 * @param batch8ImageCaptionS  encode 8 images + 20 greedy tokens for each
 * @param labels20S            encode 6 frames + score 20 labels after a prompt
 * @param questions5S          encode 6 frames + answer 5 questions of 20 tokens each
 * @param loadS                opening the pipeline: weights, tokenizer, processor (engine already started)
 * @param peakRssMb            the process's peak resident set after the random checkpoint was written
 */
public record BenchResult(String dtype, int threads, int reps, double visionFrameMs, double videoCaptionS,
        double imageCaptionS, double decodeTokenMs, double batch8ImageCaptionS, double labels20S, double questions5S,
        double loadS, double peakRssMb) {

    /** The keys of the issue, in order. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("vision_frame_ms", visionFrameMs);
        m.put("video_caption_s", videoCaptionS);
        m.put("image_caption_s", imageCaptionS);
        m.put("decode_token_ms", decodeTokenMs);
        m.put("batch8_image_caption_s", batch8ImageCaptionS);
        m.put("labels20_s", labels20S);
        m.put("questions5_s", questions5S);
        m.put("load_s", loadS);
        m.put("peak_rss_mb", peakRssMb);
        return m;
    }

    /** Our median over transformers' for every case the anchor has, e.g. {@code video_caption_s: 0.81}. */
    public static Map<String, Double> ratios(Map<String, Double> ours, Map<String, Double> anchor) {
        Map<String, Double> r = new LinkedHashMap<>();
        anchor.forEach((k, v) -> {
            if (ours.containsKey(k) && v > 0) {
                r.put(k, ours.get(k) / v);
            }
        });
        return r;
    }
}
