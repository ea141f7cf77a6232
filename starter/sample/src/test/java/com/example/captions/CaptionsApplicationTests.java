package com.example.captions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.starter.task.GitCaptionService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.content.Media;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.FileSystemResource;

/** The application as built from the BOM and the starter alone: services, ChatModel and ChatClient all injected. */
@SpringBootTest
class CaptionsApplicationTests {
    static final Path CLIP = Path.of(System.getProperty("sample.clip", "../../config/samples/clip0.mp4"));

    @Autowired
    GitCaptionService captions;

    @Autowired
    ChatModel chatModel;

    @Autowired
    ChatClient chatClient;

    @Test
    void captionsTheSampleClip() {
        assertThat(captions.caption(CLIP).text()).isEqualTo("a blue circle moving up");
    }

    @Test
    void theChatClientCaptionsItToo() {
        String content = chatClient.prompt()
                .messages(UserMessage.builder().text("")
                        .media(new Media(Media.Format.VIDEO_MP4, new FileSystemResource(CLIP))).build())
                .call().content();
        assertThat(content).isEqualTo("a blue circle moving up");
        assertThat(chatModel.getClass().getSimpleName()).isEqualTo("GitChatModel");
    }
}
