package io.gitplatform.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gitplatform.app.GitPlatformApplication;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The timeline plugin, loaded from its jar, over real HTTP: the task endpoint returns the timeline of an uploaded
 * video made of two clips, a job runs it to the same timeline, and a still
 * image is refused with a problem that says why.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.jobs.workers=1", "git.backend.threads=1"})
class TimelineIT {
    @TempDir
    static Path tmp;
    static byte[] video;

    @LocalServerPort
    int port;
    Http http;

    @BeforeAll
    static void joinedClips() throws IOException {
        List<BufferedImage> frames = new ArrayList<>(ShapeVideos.render(
                new Scene(Shape.CIRCLE, ShapeColor.RED, Background.BLACK, Direction.RIGHT), 30));
        frames.addAll(ShapeVideos.render(new Scene(Shape.SQUARE, ShapeColor.BLUE, Background.WHITE, Direction.LEFT),
                30));
        video = Files.readAllBytes(ShapeVideos.write(frames, 10, ShapeVideos.VideoFormat.MP4_H264,
                tmp.resolve("two.mp4")));
    }

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(port);
        http.awaitReady();
    }

    @Test
    void theTaskEndpointReturnsTheTimelineAsWebVtt() {
        HttpResponse<String> r = http.post("/api/v1/tasks/timeline",
                Http.form().file("two.mp4", video).field("format", "vtt"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String vtt = Http.json(r).get("text").asString();
        assertThat(vtt).startsWith("WEBVTT\n\n00:00:00.000 --> ");
        assertThat(vtt.split("\n\n")).hasSize(3); // header and two cues
    }

    @Test
    void aJobRunsTheTimeline() {
        HttpResponse<String> submitted = http.post("/api/v1/jobs",
                Http.form().file("two.mp4", video).field("task", "timeline"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String body = http.get(location + "/events").body();
        assertThat(body).contains("event:succeeded");
        JsonNode job = Http.json(http.get(location));
        JsonNode segments = Http.JSON.readTree(job.at("/result/text").asString());
        assertThat(segments.size()).as(job.toString()).isEqualTo(2);
        assertThat(segments.get(0).get("start_s").asDouble()).isEqualTo(0.0);
        assertThat(segments.get(1).get("start_s").asDouble()).isCloseTo(3.0, within(0.5));
    }

    @Test
    void aStillImageIsRefusedWithTheReason() {
        HttpResponse<String> r = http.post("/api/v1/tasks/timeline",
                Http.form().file("one.png", Samples.png("image6", 0)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }
}
