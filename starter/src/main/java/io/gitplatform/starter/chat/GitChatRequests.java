package io.gitplatform.starter.chat;

import io.gitplatform.spi.GenerationSettings;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.media.GitMedia;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * How a Spring AI prompt becomes a GIT request. GIT is not a chat model: it looks at one image or video and either
 * captions it or answers one question about it.
 * <ul>
 * <li>The question is the last user message's text; a blank text asks for a caption.</li>
 * <li>The media come from the last user message that has any, so a follow-up question may omit them. One image is a
 * still; several images are the frames of one video, in order; one video is decoded to frames.</li>
 * <li>System messages and earlier turns are ignored.</li>
 * </ul>
 */
final class GitChatRequests {

    private GitChatRequests() {
    }

    static String question(Prompt prompt) {
        UserMessage last = prompt.getUserMessage();
        String text = last == null ? null : last.getText();
        return text == null ? "" : text.strip();
    }

    static GitMedia media(Prompt prompt) {
        List<Message> messages = prompt.getInstructions();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && !user.getMedia().isEmpty()) {
                return media(user.getMedia());
            }
        }
        throw new GitInputException("GIT needs an image or a video: attach it as Media to the user message");
    }

    private static GitMedia media(List<Media> media) {
        List<GitMedia.Part> parts = new ArrayList<>(media.size());
        for (Media m : media) {
            MimeType type = m.getMimeType();
            if (!"image".equals(type.getType()) && !"video".equals(type.getType())) {
                throw new GitInputException("GIT reads images and videos, not " + type);
            }
            parts.add(GitMedia.Part.of(bytes(m), m.getName(), type));
        }
        if (parts.size() > 1 && parts.stream().anyMatch(p -> "video".equals(p.mimeType().getType()))) {
            throw new GitInputException("send one video, or several images as the frames of one video, not both");
        }
        return new GitMedia(parts);
    }

    /** Bytes, or a base64 {@code data:} URI; other URLs are not fetched (no server-side requests on a user's behalf). */
    private static byte[] bytes(Media media) {
        Object data = media.getData();
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        String text = String.valueOf(data);
        int comma = text.indexOf(',');
        if (text.startsWith("data:") && comma > 0 && text.substring(0, comma).endsWith(";base64")) {
            try {
                return Base64.getDecoder().decode(text.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new GitInputException("media " + media.getName() + " is not valid base64", e);
            }
        }
        throw new GitInputException("media " + media.getName() + " is a URL; GIT does not fetch URLs: send the bytes");
    }

    /**
     * The request's options as generation overrides: maxTokens, numBeams, topK, topP, seed; a temperature above 0
     * samples, 0 turns sampling off. Unset options leave the configured defaults.
     */
    static GenerationSettings generation(ChatOptions options) {
        if (options == null) {
            return GenerationSettings.DEFAULTS;
        }
        Double temperature = options.getTemperature();
        if (temperature != null && !(temperature >= 0)) {
            throw new GitInputException("temperature must be 0 (greedy) or positive (sampling), got " + temperature);
        }
        GitChatOptions git = options instanceof GitChatOptions g ? g : GitChatOptions.builder().build();
        return new GenerationSettings(options.getMaxTokens(), null, git.getNumBeams(), null, null,
                temperature == null ? null : temperature > 0, temperature != null && temperature > 0 ? temperature : null,
                options.getTopK(), options.getTopP(), git.getSeed());
    }
}
