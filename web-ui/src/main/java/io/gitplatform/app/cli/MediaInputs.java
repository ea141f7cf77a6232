package io.gitplatform.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaLimits;
import io.gitplatform.core.media.MediaVideoSource;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TaskResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Files decoded by the media decoder into task inputs, and the JSON the commands print about them. */
final class MediaInputs {
    private static final MediaDecoder DECODER = new MediaDecoder(MediaLimits.defaults());

    /** One decoded file: what the task sees plus the facts the output reports. */
    record Decoded(Path file, DecodedMedia media, TaskInput input, long decodeNanos) {
    }

    private MediaInputs() {
    }

    /** A video sampled to {@code frames} frames, or a still image. */
    static Decoded decode(Path file, int frames) {
        long start = System.nanoTime();
        DecodedMedia media = DECODER.decode(file, frames);
        TaskInput input = media.input(() -> MediaVideoSource.of(file, DECODER.limits()));
        return new Decoded(file, media, input, System.nanoTime() - start);
    }

    /** Still images taken as the frames of one video, in the order given ({@link DecodedMedia#stillsAsVideo}). */
    static TaskInput framesAsVideo(List<Path> files, int frames) {
        List<DecodedMedia> stills = new ArrayList<>();
        for (Path f : files) {
            stills.add(DECODER.decode(f, 1));
        }
        try {
            return DecodedMedia.stillsAsVideo(stills, frames).input();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--frames takes still images: " + e.getMessage(), e);
        }
    }

    /** The facts every JSON line carries: input, frames used, model, usage, timings. */
    static JsonObject json(Decoded d, String model, TaskResult result) {
        JsonObject o = new JsonObject();
        o.addProperty("file", d.file().toString());
        o.addProperty("kind", d.media().kind().name().toLowerCase(Locale.ROOT));
        o.addProperty("model", model);
        JsonArray frames = new JsonArray();
        for (int i = 0; i < d.media().frames().size(); i++) {
            JsonObject f = new JsonObject();
            f.addProperty("index", d.media().frameIndices()[i]);
            f.addProperty("timestamp_s", d.media().timestampsSeconds()[i]);
            frames.add(f);
        }
        o.add("frames", frames);
        o.addProperty("frames_repeated", d.media().framesRepeated());
        JsonArray notes = new JsonArray();
        d.media().notes().forEach(notes::add);
        o.add("notes", notes);
        o.addProperty("finish_reason", result.finish().name().toLowerCase(Locale.ROOT));
        JsonObject usage = new JsonObject();
        usage.addProperty("prompt_tokens", result.usage().promptTokens());
        usage.addProperty("completion_tokens", result.usage().completionTokens());
        o.add("usage", usage);
        JsonObject timings = new JsonObject();
        timings.addProperty("decode_ms", d.decodeNanos() / 1e6);
        timings.addProperty("encode_ms", result.timings().encode().toNanos() / 1e6);
        timings.addProperty("task_ms", result.timings().total().toNanos() / 1e6);
        o.add("timings", timings);
        return o;
    }

    /** The generated answers with their questions (a caption is one answer without a question). */
    static JsonArray answers(TaskResult result) {
        JsonArray answers = new JsonArray();
        for (Answer a : result.answers()) {
            JsonObject qa = new JsonObject();
            qa.addProperty("question", a.question());
            qa.addProperty("answer", a.text());
            answers.add(qa);
        }
        return answers;
    }
}
