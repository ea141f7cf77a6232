package io.gitplatform.app.batch;

import io.gitplatform.app.media.Frames;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.TokenListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's generation: a caption ({@code prompts} = one empty string) or answers (one prompt per question).
 *
 * @param listener  receives this request's tokens; its row is the index into {@code prompts}
 * @param cancelled set by the caller to stop; polled by the generation loop
 */
public record GenerationTask(Frames frames, List<String> prompts, GenerationOptions options, TokenListener listener,
        AtomicBoolean cancelled) {

    public static GenerationTask caption(Frames frames, GenerationOptions options, TokenListener listener) {
        return new GenerationTask(frames, List.of(""), options, listener, new AtomicBoolean());
    }

    public static GenerationTask ask(Frames frames, List<String> questions, GenerationOptions options,
            TokenListener listener) {
        return new GenerationTask(frames, List.copyOf(questions), options, listener, new AtomicBoolean());
    }

    /** The same generation with its own listener and cancel flag (a streaming front end watches the tokens). */
    public GenerationTask withListener(TokenListener tokens) {
        return new GenerationTask(frames, prompts, options, tokens, new AtomicBoolean());
    }

    /**
     * Requests with equal keys can share a forward pass: same input kind and frame count (one vision batch) and the
     * same settings (one generation loop). Sampling draws from one random stream per loop, so a sampled request would
     * not give what it gives alone: it never shares.
     */
    BatchKey key() {
        return options.doSample() ? null : new BatchKey(frames.video(), frames.count(), options);
    }

    record BatchKey(boolean video, int frames, GenerationOptions options) {
    }
}
