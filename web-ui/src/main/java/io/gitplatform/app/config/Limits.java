package io.gitplatform.app.config;

import io.gitplatform.starter.autoconfigure.GitProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** Every {@code git.limits.*} bound a request meets: the starter's and the server's own, in one place. */
@Component
public class Limits {
    private final GitProperties.Limits shared;
    private final ServingLimitsProperties serving;

    @Autowired
    public Limits(GitProperties properties, ServingLimitsProperties serving) {
        this(properties.getLimits(), serving);
    }

    public Limits(GitProperties.Limits shared, ServingLimitsProperties serving) {
        this.shared = shared;
        this.serving = serving;
    }

    public DataSize maxMediaSize() {
        return shared.getMaxMediaSize();
    }

    public int maxNewTokens() {
        return shared.getMaxNewTokens();
    }

    public int maxQuestions() {
        return shared.getMaxQuestions();
    }

    public int maxLabels() {
        return shared.getMaxLabels();
    }

    public int maxQuestionLength() {
        return shared.getMaxQuestionLength();
    }

    public int maxBeams() {
        return serving.maxBeams();
    }

    public int maxImages() {
        return serving.maxImages();
    }

    public Duration requestTimeout() {
        return serving.requestTimeout();
    }

    public int maxSegments() {
        return serving.maxSegments();
    }

    public Duration streamStall() {
        return serving.streamStall();
    }

    /** What the media decoder and live streams are held to (duration, pixels, decode time). */
    public io.gitplatform.core.media.MediaLimits media() {
        return shared.media();
    }

    /** For the configuration dump. */
    public GitProperties.Limits shared() {
        return shared;
    }
}
