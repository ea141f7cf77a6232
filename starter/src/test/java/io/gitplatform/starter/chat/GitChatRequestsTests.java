package io.gitplatform.starter.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.media.GitMedia;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/** The prompt-to-request mapping, without a model. */
class GitChatRequestsTests {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static Media png(String name) {
        return Media.builder().mimeType(Media.Format.IMAGE_PNG).data(PNG).name(name).build();
    }

    @Test
    void blankTextIsACaptionAndTextIsTheQuestion() {
        Prompt caption = new Prompt(UserMessage.builder().text(" ").media(png("a")).build());
        Prompt question = new Prompt(UserMessage.builder().text(" what colour? ").media(png("a")).build());
        assertThat(GitChatRequests.question(caption)).isEmpty();
        assertThat(GitChatRequests.question(question)).isEqualTo("what colour?");
    }

    @Test
    void severalImagesAreFramesInOrder() {
        Prompt prompt = new Prompt(UserMessage.builder().text("").media(List.of(png("f0"), png("f1"), png("f2")))
                .build());
        GitMedia media = GitChatRequests.media(prompt);
        assertThat(media.parts()).extracting(p -> p.resource().getFilename()).containsExactly("f0", "f1", "f2");
        assertThat(media.parts()).allSatisfy(p -> assertThat(p.mimeType()).isEqualTo(Media.Format.IMAGE_PNG));
    }

    @Test
    void aFollowUpQuestionUsesTheLastMediaSent() {
        Prompt prompt = new Prompt(List.of(new SystemMessage("be brief"),
                UserMessage.builder().text("").media(png("first")).build(), new AssistantMessage("a square"),
                new UserMessage("what colour is it?")));
        assertThat(GitChatRequests.media(prompt).parts().get(0).resource().getFilename()).isEqualTo("first");
        assertThat(GitChatRequests.question(prompt)).isEqualTo("what colour is it?");
    }

    @Test
    void base64DataUrisAreDecodedAndOtherUrlsRefused() {
        Media data = Media.builder().mimeType(Media.Format.IMAGE_PNG)
                .data("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG)).name("d").build();
        GitMedia media = GitChatRequests.media(new Prompt(UserMessage.builder().text("").media(data).build()));
        assertThat(media.parts().get(0).resource()).extracting(r -> {
            try {
                return r.getContentAsByteArray();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).isEqualTo(PNG);

        Media url = new Media(Media.Format.IMAGE_PNG, URI.create("https://example.org/cat.png"));
        assertThatThrownBy(() -> GitChatRequests.media(new Prompt(UserMessage.builder().text("").media(url).build())))
                .isInstanceOf(GitInputException.class).hasMessageContaining("does not fetch URLs");
    }

    @Test
    void refusesPromptsWithoutUsableMedia() {
        assertThatThrownBy(() -> GitChatRequests.media(new Prompt("hello")))
                .isInstanceOf(GitInputException.class).hasMessageContaining("image or a video");
        Media pdf = Media.builder().mimeType(MimeType.valueOf("application/pdf")).data(PNG).build();
        assertThatThrownBy(() -> GitChatRequests.media(new Prompt(UserMessage.builder().text("").media(pdf).build())))
                .isInstanceOf(GitInputException.class).hasMessageContaining("application/pdf");
        Media video = Media.builder().mimeType(Media.Format.VIDEO_MP4).data(PNG).build();
        assertThatThrownBy(() -> GitChatRequests.media(new Prompt(UserMessage.builder().text("")
                .media(List.of(video, png("x"))).build())))
                .isInstanceOf(GitInputException.class).hasMessageContaining("not both");
    }

    @Test
    void optionsMapOntoGenerationOverrides() {
        assertThat(GitChatRequests.generation(null)).isEqualTo(GenerationSettings.DEFAULTS);
        assertThat(GitChatRequests.generation(GitChatOptions.builder().build())).isEqualTo(GenerationSettings.DEFAULTS);
        assertThat(GitChatRequests.generation(GitChatOptions.builder().maxTokens(7).numBeams(3).build()))
                .isEqualTo(new GenerationSettings(7, null, 3, null, null, null, null, null, null, null));
        assertThat(GitChatRequests.generation(GitChatOptions.builder().temperature(0.7).topK(5).topP(0.9).seed(42L)
                .build())).isEqualTo(new GenerationSettings(null, null, null, null, null, true, 0.7, 5, 0.9, 42L));
        assertThat(GitChatRequests.generation(ChatOptions.builder().temperature(0.0).maxTokens(4).build()))
                .isEqualTo(new GenerationSettings(4, null, null, null, null, false, null, null, null, null));
        assertThatThrownBy(() -> GitChatRequests.generation(ChatOptions.builder().temperature(-1.0).build()))
                .isInstanceOf(GitInputException.class);
    }
}
