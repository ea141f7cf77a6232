package io.gitplatform.app.openai;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.GenerationParams;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.batch.BatchResult;
import io.gitplatform.app.batch.GenerationTask;
import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.app.media.MediaService;
import io.gitplatform.app.openai.ChatResponses.Choice;
import io.gitplatform.app.openai.ChatResponses.Completion;
import io.gitplatform.app.openai.ChatResponses.Model;
import io.gitplatform.app.openai.ChatResponses.ModelList;
import io.gitplatform.app.openai.ChatResponses.Usage;
import io.gitplatform.core.generate.FinishReason;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.generate.TokenListener;
import io.gitplatform.core.pipeline.TextResult;
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
    private final LimitsProperties limits;

    public ChatController(ModelHolder model, MediaService media, TaskService tasks, ImageSources images,
            ChatStreams streams, LimitsProperties limits) {
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
        String name = model.pipeline().folder().name();
        return new ModelList("list", List.of(new Model(name, "model", 0, "git-platform")));
    }

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Chat completion over images or video frames given as data URLs")
    public Object complete(@RequestBody ChatRequest request) {
        GenerationTask task = read(request);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        String name = model.pipeline().folder().name();
        if (request.streaming()) {
            return streams.stream(task, id, created, name, request.includeUsage());
        }
        BatchResult r = tasks.generate(task);
        TextResult t = r.results().get(0);
        return new Completion(id, "chat.completion", created, name,
                List.of(new Choice(0, new ChatResponses.Message("assistant", t.text()), finishReason(t.finish()))),
                usage(r, t));
    }

    static String finishReason(FinishReason f) {
        return f == FinishReason.LENGTH ? "length" : "stop";
    }

    static Usage usage(BatchResult r, TextResult t) {
        int prompt = r.imageTokens() + t.promptTokens();
        return new Usage(prompt, t.completionTokens(), prompt + t.completionTokens());
    }

    /** The request as a generation: which frames, which prompt, which settings. */
    private GenerationTask read(ChatRequest request) {
        if (request.messages() == null || request.messages().isEmpty()) {
            throw ApiException.badOption("messages must not be empty");
        }
        if (request.n() != null && request.n() != 1) {
            throw ApiException.badOption("n must be 1: one completion per request");
        }
        String name = model.pipeline().folder().name();
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
        List<Frames> decoded = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            decoded.add(media.decode(images.read(urls.get(i)), "image " + i, frames));
        }
        Frames input = media.asVideo(decoded, frames);
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        GenerationOptions options = tasks.options(new GenerationParams(maxTokens, null, request.temperature(), null,
                request.topP(), request.seed(), null));
        return text.isBlank()
                ? GenerationTask.caption(input, options, TokenListener.NONE)
                : GenerationTask.ask(input, tasks.questions(List.of(text.strip())), options, TokenListener.NONE);
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
