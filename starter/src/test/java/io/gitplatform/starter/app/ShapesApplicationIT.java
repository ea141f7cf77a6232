package io.gitplatform.starter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.spi.RankedLabel;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.chat.GitChatOptions;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.model.GitModelRuntime;
import io.gitplatform.starter.model.GitModelState;
import io.gitplatform.starter.task.GitAskService;
import io.gitplatform.starter.task.GitCaption;
import io.gitplatform.starter.task.GitCaptionService;
import io.gitplatform.starter.task.GitClassification;
import io.gitplatform.starter.task.GitClassifyService;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.content.Media;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.FileSystemResource;

/**
 * The starter in a Spring Boot application with the embedded tiny model and the standard plugins: the task services and
 * the ChatModel (through ChatClient) give samples.json's reference captions. Nothing is downloaded.
 */
@SpringBootTest(classes = ShapesApplication.class, properties = "git.model.cache-dir=target/git-cache")
class ShapesApplicationIT {

    @Autowired
    GitCaptionService captions;

    @Autowired
    GitAskService answers;

    @Autowired
    GitClassifyService classifier;

    @Autowired
    ChatModel chatModel;

    @Autowired
    GitModelRuntime runtime;

    @Autowired
    TestObservationRegistry observations;

    @Test
    void captionServiceCaptionsAnImageAndAVideo() {
        GitCaption image = captions.caption(Samples.image0());
        assertThat(image.text()).isEqualTo(Samples.IMAGE0_CAPTION);
        assertThat(image.finish()).isEqualTo(FinishReason.EOS);
        assertThat(image.model()).isEqualTo("git-tiny-shapes");

        GitCaption video = captions.caption(GitMedia.framesOf(Samples.clip0()));
        assertThat(video.text()).isEqualTo(Samples.CLIP0_CAPTION);
        assertThat(runtime.state()).isEqualTo(GitModelState.READY);
    }

    @Test
    void captionServiceAndChatModelDecodeAnMp4() {
        GitCaption video = captions.caption(Samples.clip0Mp4());
        assertThat(video.text()).isEqualTo(Samples.CLIP0_CAPTION);

        String chat = ChatClient.create(chatModel).prompt()
                .messages(UserMessage.builder().text("")
                        .media(new Media(Media.Format.VIDEO_MP4, new FileSystemResource(Samples.clip0Mp4()))).build())
                .call().content();
        assertThat(chat).isEqualTo(Samples.CLIP0_CAPTION);
    }

    @Test
    void captionServiceTakesBytesAndStreamsText() throws Exception {
        List<String> deltas = new ArrayList<>();
        GitCaption caption = captions.caption(GitMedia.of(Files.readAllBytes(Samples.image0()), "image0.png"),
                GenerationSettings.greedy(20), deltas::add, new CancellationFlag());
        assertThat(caption.text()).isEqualTo(Samples.IMAGE0_CAPTION);
        assertThat(String.join("", deltas)).isEqualTo(caption.text());

        GitCaption cut = captions.caption(GitMedia.of(Samples.image0()), GenerationSettings.greedy(2));
        assertThat(cut.finish()).isEqualTo(FinishReason.LENGTH);
        assertThat(cut.completionTokens()).isEqualTo(2);
    }

    @Test
    void askAndClassifyUseTheSameModel() {
        assertThat(answers.ask(Samples.image0(), "what color is the background?").text()).isEqualTo("gray");
        GitClassification colour = classifier.classify(Samples.image0(), List.of("red", "blue", "green"));
        assertThat(colour.best().label()).isEqualTo("blue");
        assertThat(colour.labels()).extracting(RankedLabel::probability)
                .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
        GitClassification shape = classifier.classify(GitMedia.of(Samples.image0()),
                List.of("circle", "square", "triangle"), "what shape is it?", 1);
        assertThat(shape.labels()).extracting(RankedLabel::label).containsExactly("square");
    }

    @Test
    void chatClientCaptionsAVideoGivenAsFrames() {
        ChatClient chat = ChatClient.create(chatModel);
        UserMessage frames = UserMessage.builder().text("").media(clip0Media()).build();

        ChatResponse response = chat.prompt().messages(frames).call().chatResponse();
        assertThat(response.getResult().getOutput().getText()).isEqualTo(Samples.CLIP0_CAPTION);
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(1); // [CLS]
        assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(6); // 5 words and [SEP]

        List<String> streamed = chat.prompt().messages(frames).stream().content().collectList().block();
        assertThat(streamed).hasSizeGreaterThan(1);
        assertThat(String.join("", streamed)).isEqualTo(Samples.CLIP0_CAPTION);

        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                .hasLowCardinalityKeyValue("gen_ai.system", "git")
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "6");
    }

    @Test
    void chatClientAnswersAQuestionAboutAnImage() {
        String answer = ChatClient.create(chatModel).prompt()
                .user(u -> u.text("what color is the background?").media(Media.Format.IMAGE_PNG,
                        new FileSystemResource(Samples.image0())))
                .call().content();
        assertThat(answer).isEqualTo("gray");
    }

    @Test
    void chatOptionsReachTheGenerationLoop() {
        ChatResponse cut = ChatClient.create(chatModel).prompt()
                .messages(UserMessage.builder().text("").media(image0Media()).build())
                .options(GitChatOptions.builder().maxTokens(2))
                .call().chatResponse();
        assertThat(cut.getResult().getMetadata().getFinishReason()).isEqualTo("LENGTH");
        assertThat(cut.getResult().getOutput().getText()).isEqualTo("a blue");

        String beams = ChatClient.create(chatModel).prompt()
                .messages(UserMessage.builder().text("").media(image0Media()).build())
                .options(GitChatOptions.builder().numBeams(3)).call().content();
        assertThat(beams).isEqualTo(Samples.IMAGE0_CAPTION);
    }

    @Test
    void samplingWithBeamsIsABadRequest() {
        assertThatThrownBy(() -> ChatClient.create(chatModel).prompt()
                .messages(UserMessage.builder().text("").media(image0Media()).build())
                .options(GitChatOptions.builder().temperature(1.0).numBeams(2)).call().content())
                .isInstanceOf(GitInputException.class).hasMessageContaining("beam");
    }

    @Test
    void cancellingAStreamFreesTheModelForTheNextCall() {
        ChatClient chat = ChatClient.create(chatModel);
        UserMessage frames = UserMessage.builder().text("").media(clip0Media()).build();
        assertThat(chat.prompt().messages(frames).stream().content().take(1).blockLast()).isEqualTo("a");
        assertThat(chat.prompt().messages(frames).call().content()).isEqualTo(Samples.CLIP0_CAPTION);
    }

    @Test
    void aPromptWithoutMediaIsRefused() {
        assertThatThrownBy(() -> ChatClient.create(chatModel).prompt().user("hello").call().content())
                .isInstanceOf(GitInputException.class);
    }

    private static List<Media> clip0Media() {
        return Samples.clip0().stream()
                .map(p -> new Media(Media.Format.IMAGE_PNG, new FileSystemResource(p))).toList();
    }

    private static Media image0Media() {
        return new Media(Media.Format.IMAGE_PNG, new FileSystemResource(Samples.image0()));
    }
}
