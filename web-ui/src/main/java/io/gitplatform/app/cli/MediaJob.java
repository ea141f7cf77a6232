package io.gitplatform.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.pipeline.EncodedInput;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.pipeline.TextResult;
import java.nio.file.Path;
import java.util.Locale;

/** One input file through decoding and the vision side, with the timings and frame facts the output reports. */
final class MediaJob implements AutoCloseable {
    final Path file;
    final DecodedMedia media;
    final EncodedInput input;
    final long decodeNanos;

    private MediaJob(Path file, DecodedMedia media, EncodedInput input, long decodeNanos) {
        this.file = file;
        this.media = media;
        this.input = input;
        this.decodeNanos = decodeNanos;
    }

    static MediaJob open(GitPipeline pipeline, Path file) {
        long start = System.nanoTime();
        DecodedMedia media = new MediaDecoder(MediaLimits.defaults()).decode(file, pipeline.videoFrames());
        long decoded = System.nanoTime() - start;
        boolean video = media.kind() == DecodedMedia.Kind.VIDEO;
        return new MediaJob(file, media, pipeline.encode(media.frames(), video), decoded);
    }

    /** The facts every JSON line carries: input, frames used, model, timings. */
    JsonObject json(GitPipeline pipeline, TextResult result, long generateNanos) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file.toString());
        o.addProperty("kind", media.kind().name().toLowerCase(Locale.ROOT));
        o.addProperty("model", pipeline.folder().name());
        JsonArray frames = new JsonArray();
        for (int i = 0; i < media.frames().size(); i++) {
            JsonObject f = new JsonObject();
            f.addProperty("index", media.frameIndices()[i]);
            f.addProperty("timestamp_s", media.timestampsSeconds()[i]);
            frames.add(f);
        }
        o.add("frames", frames);
        o.addProperty("frames_repeated", media.framesRepeated());
        JsonArray notes = new JsonArray();
        media.notes().forEach(notes::add);
        o.add("notes", notes);
        o.addProperty("finish_reason", result.finish().name().toLowerCase(Locale.ROOT));
        JsonObject usage = new JsonObject();
        usage.addProperty("prompt_tokens", result.promptTokens());
        usage.addProperty("completion_tokens", result.completionTokens());
        o.add("usage", usage);
        JsonObject timings = new JsonObject();
        timings.addProperty("decode_ms", decodeNanos / 1e6);
        timings.addProperty("encode_ms", input.encodeNanos() / 1e6);
        timings.addProperty("generate_ms", generateNanos / 1e6);
        o.add("timings", timings);
        return o;
    }

    @Override
    public void close() {
        input.close();
    }
}
