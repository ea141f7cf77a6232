package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.openai.errors.OpenAIServiceException;
import io.gitplatform.app.GitPlatformApplication;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI endpoint as OpenAI clients see it, on a real server on a random port: Spring AI's own OpenAI ChatModel
 * (the official openai-java SDK underneath) for completions, streams with usage, several frames and an error read
 * back with its code and param; raw HTTP for one test per error case and for stop sequences, logprobs and penalties.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.api-key=test-key", "git.backend.threads=1"})
class OpenAiFidelityIT {
    static final String MODEL = "git-tiny-shapes";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port, "Authorization", "Bearer test-key");
        http.awaitReady();
    }

    private OpenAiChatModel client(OpenAiChatOptions.Builder options) {
        return OpenAiChatModel.builder().options(options.baseUrl("http://127.0.0.1:" + port + "/v1")
                .apiKey("test-key").model(MODEL).maxCompletionTokens(20).build()).build();
    }

    private static UserMessage image(String sample, String text) {
        return UserMessage.builder().text(text).media(png(sample, 0)).build();
    }

    private static Media png(String sample, int frame) {
        return new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(OpenAiRequests.png(sample, frame)));
    }

    @Test
    void springAiOpenAiClientCaptionsAndAnswers() {
        OpenAiChatModel chat = client(OpenAiChatOptions.builder());
        ChatResponse caption = chat.call(new Prompt(image("image0", "")));
        assertThat(caption.getResult().getOutput().getText()).isEqualTo(OpenAiRequests.caption("image0"));
        assertThat(caption.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
        assertThat(caption.getMetadata().getUsage().getCompletionTokens()).isPositive();
        assertThat(caption.getMetadata().getModel()).isEqualTo(MODEL);
    }

    @Test
    void springAiOpenAiClientStreamsWithUsage() {
        OpenAiChatModel chat = client(OpenAiChatOptions.builder().streamUsage(true));
        List<ChatResponse> chunks = chat.stream(new Prompt(image("image0", ""))).collectList().block();
        StringBuilder text = new StringBuilder();
        Integer completion = null;
        for (ChatResponse c : chunks) {
            if (c.getResult() != null && c.getResult().getOutput().getText() != null) {
                text.append(c.getResult().getOutput().getText());
            }
            if (c.getMetadata().getUsage() != null && c.getMetadata().getUsage().getCompletionTokens() != null
                    && c.getMetadata().getUsage().getCompletionTokens() > 0) {
                completion = c.getMetadata().getUsage().getCompletionTokens();
            }
        }
        assertThat(text.toString()).isEqualTo(OpenAiRequests.caption("image0"));
        assertThat(completion).isNotNull().isPositive();
    }

    @Test
    void springAiOpenAiClientSendsSeveralFramesAsOneVideo() {
        List<Media> frames = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            frames.add(png("clip0", f));
        }
        ChatResponse r = client(OpenAiChatOptions.builder()).call(new Prompt(UserMessage.builder().text("")
                .media(frames).build()));
        assertThat(r.getResult().getOutput().getText()).isEqualTo("a blue circle moving up");
    }

    @Test
    void springAiOpenAiClientReadsAnErrorsCodeAndParam() {
        OpenAiChatModel chat = client(OpenAiChatOptions.builder().n(2));
        assertThatThrownBy(() -> chat.call(new Prompt(image("image0", "")))).satisfies(e -> {
            OpenAIServiceException api = cause(e);
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(api.param()).contains("n");
            assertThat(api.code()).contains("unsupported_value");
            assertThat(api.type()).contains("invalid_request_error");
        });
        OpenAiChatModel other = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("test-key").model("gpt-4o").build()).build();
        assertThatThrownBy(() -> other.call(new Prompt(image("image0", "")))).satisfies(e -> {
            OpenAIServiceException api = cause(e);
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(api.param()).contains("model");
            assertThat(api.code()).contains("model_not_found");
        });
    }

    private static OpenAIServiceException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OpenAIServiceException api) {
                return api;
            }
        }
        throw new AssertionError("no OpenAI service exception in " + e, e);
    }

    // ---- token-level: stop, logprobs, penalties (raw HTTP, to read every field) ----

    private JsonNode complete(Map<String, Object> extra) {
        HttpResponse<String> r = http.postJson("/v1/chat/completions", OpenAiRequests.body("image0", false, extra));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    @Test
    void stopSequencesCutTheAnswerAndTheStream() {
        String full = OpenAiRequests.caption("image0"); // "a blue square on a gray background"
        JsonNode cut = complete(Map.of("stop", List.of(" on", "zzz")));
        assertThat(cut.at("/choices/0/message/content").asString()).isEqualTo("a blue square");
        assertThat(cut.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        int fullTokens = complete(Map.of()).at("/usage/completion_tokens").asInt();
        assertThat(cut.at("/usage/completion_tokens").asInt()).isLessThan(fullTokens);
        assertThat(complete(Map.of("stop", "square")).at("/choices/0/message/content").asString())
                .isEqualTo("a blue ");
        assertThat(complete(Map.of("stop", "purple")).at("/choices/0/message/content").asString()).isEqualTo(full);

        HttpResponse<String> stream = http.postJson("/v1/chat/completions",
                OpenAiRequests.body("image0", true, Map.of("stop", " on")));
        assertThat(stream.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (String data : Http.sseData(stream.body())) {
            if (!data.equals("[DONE]")) {
                JsonNode chunk = Http.JSON.readTree(data);
                text.append(chunk.at("/choices/0/delta/content").asString(""));
                if (chunk.at("/choices/0/finish_reason").isString()) {
                    finish = chunk.at("/choices/0/finish_reason").asString();
                }
            }
        }
        assertThat(text.toString()).isEqualTo("a blue square");
        assertThat(finish).isEqualTo("stop");
    }

    @Test
    void logprobsComeFromTheGenerationLoop() {
        JsonNode r = complete(Map.of("logprobs", true, "top_logprobs", 3));
        JsonNode content = r.at("/choices/0/logprobs/content");
        assertThat(content.size()).isEqualTo(r.at("/usage/completion_tokens").asInt() - 1); // [SEP] is not shown
        StringBuilder text = new StringBuilder();
        for (JsonNode t : content) {
            text.append(t.get("token").asString());
            double lp = t.get("logprob").asDouble();
            assertThat(lp).isLessThanOrEqualTo(0);
            JsonNode top = t.get("top_logprobs");
            assertThat(top.size()).isEqualTo(3);
            // greedy: the chosen token is the most likely one, and the alternatives come best first
            assertThat(top.get(0).get("logprob").asDouble()).isCloseTo(lp, within(1e-9));
            assertThat(top.get(1).get("logprob").asDouble()).isLessThanOrEqualTo(lp);
            assertThat(top.get(2).get("logprob").asDouble()).isLessThanOrEqualTo(top.get(1).get("logprob").asDouble());
        }
        assertThat(text.toString()).isEqualTo(r.at("/choices/0/message/content").asString());
        assertThat(complete(Map.of()).at("/choices/0/logprobs").isNull()).isTrue();
        assertThat(complete(Map.of("logprobs", true)).at("/choices/0/logprobs/content/0/top_logprobs").size())
                .isZero();
    }

    /**
     * OpenAI's definition, checked on the loop's own scores: at the step after "a" was generated once, a seen token's
     * logit is lowered by presence_penalty (once) and by frequency_penalty x its count, an unseen one's not at all, so
     * their log-probability gap moves by exactly that much. (This model is too sure of "a blue square on a gray
     * background" for the text itself to change.)
     */
    @Test
    void penaltiesMoveSeenTokensAsOpenAiDefinesThem() {
        JsonNode plain = scored(Map.of());
        assertThat(gapShift(plain, scored(Map.of("presence_penalty", 1.5)))).isCloseTo(-1.5, within(1e-3));
        assertThat(gapShift(plain, scored(Map.of("frequency_penalty", 0.75)))).isCloseTo(-0.75, within(1e-3));
        assertThat(gapShift(plain, scored(Map.of("frequency_penalty", -1.0, "presence_penalty", -0.5))))
                .isCloseTo(1.5, within(1e-3));
        assertThat(gapShift(plain, scored(Map.of("frequency_penalty", 0.0, "presence_penalty", 0.0))))
                .isCloseTo(0, within(1e-9));
    }

    private JsonNode scored(Map<String, Object> penalties) {
        Map<String, Object> change = new java.util.HashMap<>(penalties);
        change.put("logprobs", true);
        change.put("top_logprobs", 20);
        JsonNode r = complete(change);
        assertThat(r.at("/choices/0/message/content").asString()).isEqualTo(OpenAiRequests.caption("image0"));
        return r.at("/choices/0/logprobs/content");
    }

    /** How the gap between "a" (generated once before) and an unseen token moved at the second "a". */
    private static double gapShift(JsonNode plain, JsonNode penalised) {
        int second = -1;
        int seenA = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < plain.size() && second < 0; i++) {
            String t = plain.get(i).get("token").asString().strip();
            if (t.equals("a") && seenA++ == 1) {
                second = i;
            } else {
                seen.add(t);
            }
        }
        assertThat(second).as("the caption has a second 'a'").isPositive();
        Map<String, Double> before = top(plain.get(second));
        Map<String, Double> after = top(penalised.get(second));
        String unseen = before.keySet().stream().filter(t -> !seen.contains(t) && !t.equals("a")
                && after.containsKey(t)).findFirst().orElseThrow();
        return (after.get("a") - after.get(unseen)) - (before.get("a") - before.get(unseen));
    }

    private static Map<String, Double> top(JsonNode token) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (JsonNode alt : token.get("top_logprobs")) {
            out.putIfAbsent(alt.get("token").asString().strip(), alt.get("logprob").asDouble());
        }
        return out;
    }

    // ---- one test per error case ----

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("no model", OpenAiRequests.without("model"), 400, "model", "missing_required_parameter"),
                Arguments.of("unknown model", Map.of("model", "gpt-4o"), 404, "model", "model_not_found"),
                Arguments.of("temperature above 2", Map.of("temperature", 2.5), 400, "temperature", "invalid_value"),
                Arguments.of("temperature below 0", Map.of("temperature", -0.1), 400, "temperature", "invalid_value"),
                Arguments.of("top_p above 1", Map.of("top_p", 1.5), 400, "top_p", "invalid_value"),
                Arguments.of("frequency_penalty above 2", Map.of("frequency_penalty", 2.5), 400, "frequency_penalty",
                        "invalid_value"),
                Arguments.of("presence_penalty below -2", Map.of("presence_penalty", -3), 400, "presence_penalty",
                        "invalid_value"),
                Arguments.of("max_completion_tokens 0", Map.of("max_completion_tokens", 0), 400,
                        "max_completion_tokens", "invalid_value"),
                Arguments.of("n 2", Map.of("n", 2), 400, "n", "unsupported_value"),
                Arguments.of("top_logprobs 21", Map.of("logprobs", true, "top_logprobs", 21), 400, "top_logprobs",
                        "invalid_value"),
                Arguments.of("top_logprobs without logprobs", Map.of("top_logprobs", 2), 400, "top_logprobs",
                        "invalid_value"),
                Arguments.of("five stop sequences", Map.of("stop", List.of("a", "b", "c", "d", "e")), 400, "stop",
                        "invalid_value"),
                Arguments.of("tools", Map.of("tools", List.of(Map.of("type", "function", "function",
                        Map.of("name", "f")))), 400, "tools", "unsupported_parameter"),
                Arguments.of("tool_choice", Map.of("tool_choice", "auto"), 400, "tool_choice",
                        "unsupported_parameter"),
                Arguments.of("response_format json_object", Map.of("response_format", Map.of("type", "json_object")),
                        400, "response_format", "unsupported_value"),
                Arguments.of("response_format json_schema", Map.of("response_format", Map.of("type", "json_schema")),
                        400, "response_format", "unsupported_value"),
                Arguments.of("audio output", Map.of("modalities", List.of("text", "audio")), 400, "modalities",
                        "unsupported_value"),
                Arguments.of("an audio part", OpenAiRequests.withPart(Map.of("type", "input_audio", "input_audio",
                        Map.of("data", "AAAA", "format", "wav"))), 400, "messages[0].content[2]",
                        "unsupported_content_type"),
                Arguments.of("malformed base64", OpenAiRequests.withImageUrl("data:image/png;base64,@@@###"), 400,
                        "messages[0].content[1].image_url", "invalid_image"),
                Arguments.of("base64 with no data", OpenAiRequests.withImageUrl("data:image/png;base64,"), 400,
                        "messages[0].content[1].image_url", "invalid_image"),
                Arguments.of("an image that is not one", OpenAiRequests.withImageUrl(
                        "data:image/png;base64,PGh0bWw+PC9odG1sPg=="), 400, "messages[0].content[1].image_url",
                        "invalid_image"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void everyRefusalIsAnOpenAiErrorNamingTheParameter(String name, Map<String, Object> change, int status,
            String param, String code) {
        HttpResponse<String> r = http.postJson("/v1/chat/completions", OpenAiRequests.body("image0", false, change));
        JsonNode e = ApiIT.openAiError(r, status, param, code);
        if (name.contains("base64")) {
            assertThat(e.get("message").asString()).contains("not valid base64");
        }
    }

    @Test
    void modelsAreListedAndFoundById() {
        assertThat(Http.json(http.get("/v1/models/" + MODEL)).get("id").asString()).isEqualTo(MODEL);
        assertThat(Http.json(http.get("/v1/models/default")).get("object").asString()).isEqualTo("model");
        ApiIT.openAiError(http.get("/v1/models/gpt-4o"), 404, "model", "model_not_found");
    }

    @Test
    void theRestOfTheApiKeepsRfc9457Problems() {
        HttpResponse<String> r = http.post("/api/v1/caption", Http.form().field("x", "y"));
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
