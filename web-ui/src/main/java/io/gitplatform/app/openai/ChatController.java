package io.gitplatform.app.openai;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.GenerationParams;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.config.Limits;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.app.media.MediaService;
import io.gitplatform.app.openai.ChatResponses.Choice;
import io.gitplatform.app.openai.ChatResponses.Completion;
import io.gitplatform.app.openai.ChatResponses.Model;
import io.gitplatform.app.openai.ChatResponses.ModelList;
import io.gitplatform.app.openai.ChatResponses.Usage;
import io.gitplatform.spi.Answer;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.TaskOptions;
import io.gitplatform.spi.TaskResult;
import io.gitplatform.spi.TokenScore;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.ProgressListener;
import io.gitplatform.core.tokenizer.GitTokenizer;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI-compatible chat completions. The images of the conversation ({@code image_url} parts, in order) are the
 * input: one image is a still, several are the frames of one video. The last user message's text is the question;
 * without text the model captions. {@code stream: true} answers with {@code chat.completion.chunk} events.
 */
@RestController
@Tag(name = "openai", description = "OpenAI-compatible chat completions and model list")
public class ChatController {
    private final ModelHolder model;
    private final MediaService media;
    private final TaskService tasks;
    private final ImageSources images;
    private final ChatStreams streams;
    private final Limits limits;

    public ChatController(ModelHolder model, MediaService media, TaskService tasks, ImageSources images,
            ChatStreams streams, Limits limits) {
        this.model = model;
        this.media = media;
        this.tasks = tasks;
        this.images = images;
        this.streams = streams;
        this.limits = limits;
    }

    @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The loaded model")
    public ModelList models() {
        String name = tasks.modelInfo().name();
        return new ModelList("list", List.of(new Model(name, "model", 0, "git-platform")));
    }

    @GetMapping(path = "/v1/models/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One model: the loaded one, also under its alias 'default'")
    public Model model(@PathVariable String id) {
        String name = tasks.modelInfo().name();
        if (!id.equals(name) && !id.equals("default")) {
            throw notFound(id, name);
        }
        return new Model(id, "model", 0, "git-platform");
    }

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Chat completion over images or video frames given as data URLs")
    public Object complete(@RequestBody ChatRequest request) {
        Call call = read(request);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        String name = tasks.modelInfo().name();
        if (request.streaming()) {
            // no-cache: a proxy must neither store nor buffer the event stream
            return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .body(streams.stream(call, id, created, name, request.includeUsage()));
        }
        List<long[]> tokens = new ArrayList<>();
        List<TokenScore> scores = new ArrayList<>();
        FirstRowTokens collect = (token, score) -> {
            tokens.add(new long[] {token});
            scores.add(score);
        };
        TaskResult r = tasks.run(call.task(), call.frames(), call.options(), collect, ProgressListener.NONE,
                new CancellationFlag(), limits.requestTimeout());
        Answer a = r.answers().get(0);
        ChatTokens out = call.tokens(model.pipeline().tokenizer());
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> logprobs = new ArrayList<>();
        for (int i = 0; i < tokens.size() && !out.stopped(); i++) {
            ChatTokens.Piece p = out.push(tokens.get(i)[0], scores.get(i));
            text.append(p.text());
            logprobs.addAll(p.logprobs());
        }
        ChatTokens.Piece rest = out.finish();
        text.append(rest.text());
        logprobs.addAll(rest.logprobs());
        // Without a stop sequence the answer is the head's own text (identical to the tokens' text by construction).
        String content = call.stops().isEmpty() ? a.text() : text.toString();
        return new Completion(id, "chat.completion", created, name,
                List.of(new Choice(0, new ChatResponses.Message("assistant", content),
                        out.wantsLogprobs() ? Map.of("content", logprobs) : null,
                        out.stopped() ? "stop" : finishReason(a.finish()))),
                usage(call, a, out.stopped() ? out.generated() : a.completionTokens()));
    }

    /**
     * A chat request as a task call: without text it is a caption ({@code caption}), with text a question about the
     * images ({@code vqa}); either way it runs through the task head that serves it.
     */
    record Call(String task, Frames frames, TaskOptions options, int imageTokens, List<String> stops,
            int topLogprobs) {
        /** Reads this call's tokens: stop sequences, and log-probabilities when asked (topLogprobs >= 0). */
        ChatTokens tokens(GitTokenizer tokenizer) {
            return new ChatTokens(tokenizer, stops, topLogprobs);
        }
    }

    static String finishReason(FinishReason f) {
        return f == FinishReason.LENGTH ? "length" : "stop";
    }

    static Usage usage(Call call, Answer a, int completionTokens) {
        int prompt = call.imageTokens() + a.promptTokens();
        return new Usage(prompt, completionTokens, prompt + completionTokens);
    }

    private static OpenAiException notFound(String id, String name) {
        return new OpenAiException(HttpStatus.NOT_FOUND, OpenAiException.INVALID_REQUEST, "The model '" + id
                + "' does not exist here; use '" + name + "' or 'default'", "model", "model_not_found");
    }

    /** The request as a task call: which frames, which task, which options. */
    private Call read(ChatRequest request) {
        ChatChecks.check(request);
        String name = tasks.modelInfo().name();
        if (!request.model().equals("default") && !request.model().equals(name)) {
            throw notFound(request.model(), name);
        }
        List<ImagePart> urls = new ArrayList<>();
        String text = "";
        for (int i = 0; i < request.messages().size(); i++) {
            ChatRequest.Message m = request.messages().get(i);
            if (m == null) {
                throw OpenAiException.invalid("messages[" + i + "]", "invalid_type", "a message must be an object");
            }
            String messageText = parts(m.content(), "messages[" + i + "]", urls);
            if ("user".equals(m.role())) {
                text = messageText;
            }
        }
        if (urls.isEmpty()) {
            throw OpenAiException.invalid("messages", "missing_image",
                    "the conversation has no image: send one or more image_url parts");
        }
        if (urls.size() > limits.maxImages()) {
            throw OpenAiException.invalid("messages", "too_many_images",
                    urls.size() + " images, more than the limit of " + limits.maxImages());
        }
        int frames = model.pipeline().videoFrames();
        List<DecodedMedia> decoded = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            ImagePart part = urls.get(i);
            try {
                decoded.add(media.decodeMedia(images.read(part.url()), "image " + i, frames));
            } catch (ApiException e) {
                throw imageError(part.param(), e);
            }
        }
        Frames input = media.asVideo(decoded, frames);
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        boolean scored = request.wantsLogprobs() || request.frequencyPenalty() != null
                || request.presencePenalty() != null;
        // Log-probabilities and penalties belong to greedy decoding and sampling (OpenAI has no beams).
        GenerationSettings generation = new GenerationParams(maxTokens, scored ? 1 : null, request.temperature(), null,
                request.topP(), request.seed(), null, null, null).settings(limits)
                .withPenalties(request.frequencyPenalty(), request.presencePenalty());
        int imageTokens = input.count() * tasks.modelInfo().frameTokens();
        List<String> stops = ChatChecks.stops(request.stop());
        int top = !request.wantsLogprobs() ? -1 : request.topLogprobs() == null ? 0 : request.topLogprobs();
        if (text.isBlank()) {
            return new Call("caption", input, TaskOptions.builder().generation(generation).build(), imageTokens,
                    stops, top);
        }
        return new Call("vqa", input, TaskOptions.builder().question(text.strip()).generation(generation).build(),
                imageTokens, stops, top);
    }

    private record ImagePart(String url, String param) {
    }

    /** Whatever is wrong with an image (encoding, format, size, content) is OpenAI's 400 naming the part. */
    private static OpenAiException imageError(String param, ApiException e) {
        if (e.status() == HttpStatus.GATEWAY_TIMEOUT) {
            return new OpenAiException(e.status(), "server_error", e.title() + ": " + e.getMessage(), param, "timeout");
        }
        return OpenAiException.invalid(param, "invalid_image", e.title() + ": " + e.getMessage());
    }

    /** A message's text, collecting its image URLs (string form or {@code {"url": ...}}) in order. */
    private static String parts(JsonNode content, String param, List<ImagePart> urls) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        if (!content.isArray()) {
            throw OpenAiException.invalid(param + ".content", "invalid_type",
                    "message content must be a string or a list of parts");
        }
        StringBuilder text = new StringBuilder();
        int j = 0;
        for (JsonNode part : content) {
            String at = param + ".content[" + j++ + "]";
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> text.append(text.isEmpty() ? "" : " ").append(part.path("text").asString(""));
                case "image_url" -> {
                    JsonNode url = part.get("image_url");
                    urls.add(new ImagePart(url == null ? null : url.isString() ? url.asString()
                            : url.path("url").asString(null), at + ".image_url"));
                }
                case "input_audio", "audio" -> throw OpenAiException.invalid(at, "unsupported_content_type",
                        "audio input is not supported: this model reads images and video frames");
                default -> throw OpenAiException.invalid(at + ".type", "unsupported_content_type",
                        "unsupported content part type '" + type + "': use text and image_url");
            }
        }
        return text.toString();
    }
}
