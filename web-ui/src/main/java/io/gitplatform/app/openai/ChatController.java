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

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Chat completion over images or video frames given as data URLs")
    public Object complete(@RequestBody ChatRequest request) {
        Call call = read(request);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        String name = tasks.modelInfo().name();
        if (request.streaming()) {
            return streams.stream(call, id, created, name, request.includeUsage());
        }
        TaskResult r = tasks.run(call.task(), call.frames(), call.options());
        Answer a = r.answers().get(0);
        return new Completion(id, "chat.completion", created, name,
                List.of(new Choice(0, new ChatResponses.Message("assistant", a.text()), finishReason(a.finish()))),
                usage(call, a));
    }

    /**
     * A chat request as a task call: without text it is a caption ({@code caption}), with text a question about the
     * images ({@code vqa}); either way it runs through the task head that serves it.
     */
    record Call(String task, Frames frames, TaskOptions options, int imageTokens) {
    }

    static String finishReason(FinishReason f) {
        return f == FinishReason.LENGTH ? "length" : "stop";
    }

    static Usage usage(Call call, Answer a) {
        int prompt = call.imageTokens() + a.promptTokens();
        return new Usage(prompt, a.completionTokens(), prompt + a.completionTokens());
    }

    /** The request as a task call: which frames, which task, which options. */
    private Call read(ChatRequest request) {
        if (request.messages() == null || request.messages().isEmpty()) {
            throw ApiException.badOption("messages must not be empty");
        }
        if (request.n() != null && request.n() != 1) {
            throw ApiException.badOption("n must be 1: one completion per request");
        }
        String name = tasks.modelInfo().name();
        if (request.model() != null && !request.model().equals("default") && !request.model().equals(name)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Model not found", "model '" + request.model()
                    + "' is not served here; use '" + name + "' or 'default'");
        }
        List<String> urls = new ArrayList<>();
        String text = "";
        for (ChatRequest.Message m : request.messages()) {
            String messageText = parts(m.content(), urls);
            if ("user".equals(m.role())) {
                text = messageText;
            }
        }
        if (urls.isEmpty()) {
            throw ApiException.badOption("the conversation has no image: send one or more image_url parts");
        }
        if (urls.size() > limits.maxImages()) {
            throw ApiException.badOption(urls.size() + " images, more than the limit of " + limits.maxImages());
        }
        int frames = model.pipeline().videoFrames();
        List<DecodedMedia> decoded = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            decoded.add(media.decodeMedia(images.read(urls.get(i)), "image " + i, frames));
        }
        Frames input = media.asVideo(decoded, frames);
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        GenerationSettings generation = new GenerationParams(maxTokens, null, request.temperature(), null,
                request.topP(), request.seed(), null).settings(limits);
        int imageTokens = input.count() * tasks.modelInfo().frameTokens();
        if (text.isBlank()) {
            return new Call("caption", input, TaskOptions.builder().generation(generation).build(), imageTokens);
        }
        return new Call("vqa", input, TaskOptions.builder().question(text.strip()).generation(generation).build(),
                imageTokens);
    }

    /** A message's text, collecting its image URLs (string form or {@code {"url": ...}}) in order. */
    private static String parts(JsonNode content, List<String> urls) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        if (!content.isArray()) {
            throw ApiException.badOption("message content must be a string or a list of parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> text.append(text.isEmpty() ? "" : " ").append(part.path("text").asString(""));
                case "image_url" -> {
                    JsonNode url = part.get("image_url");
                    urls.add(url == null ? null : url.isString() ? url.asString() : url.path("url").asString(null));
                }
                default -> throw ApiException.badOption("unsupported content part type '" + type
                        + "': use text and image_url");
            }
        }
        return text.toString();
    }
}
