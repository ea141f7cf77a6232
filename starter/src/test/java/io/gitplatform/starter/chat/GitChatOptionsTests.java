package io.gitplatform.starter.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;

class GitChatOptionsTests {

    @Test
    void mutateCopiesEveryField() {
        GitChatOptions options = GitChatOptions.builder().model("m").maxTokens(9).numBeams(3).temperature(0.5).topK(4)
                .topP(0.9).seed(11L).build();
        assertThat(options.mutate().build()).isEqualTo(options).isNotSameAs(options);
        assertThat(options.mutate().numBeams(1).build().getNumBeams()).isEqualTo(1);
        assertThat(options.getNumBeams()).isEqualTo(3);
    }

    @Test
    void combinesWithPortableOptionsKeepingBeamsAndSeed() {
        GitChatOptions defaults = GitChatOptions.builder().maxTokens(20).numBeams(2).seed(1L).build();
        ChatOptions request = ChatOptions.builder().maxTokens(5).temperature(0.8).build();
        GitChatOptions merged = defaults.mutate().combineWith(request.mutate()).build();
        assertThat(merged).isEqualTo(GitChatOptions.builder().maxTokens(5).numBeams(2).seed(1L).temperature(0.8)
                .build());
    }

    @Test
    void combinesWithItsOwnKind() {
        GitChatOptions defaults = GitChatOptions.builder().maxTokens(20).numBeams(2).build();
        GitChatOptions request = GitChatOptions.builder().numBeams(4).seed(3L).build();
        GitChatOptions merged = defaults.mutate().combineWith(request.mutate()).build();
        assertThat(merged).isEqualTo(GitChatOptions.builder().maxTokens(20).numBeams(4).seed(3L).build());
    }
}
