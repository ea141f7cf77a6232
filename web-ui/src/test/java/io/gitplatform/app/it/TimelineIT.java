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
import io.gitplatform.core.media.LiveHls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The timeline plugin, loaded from its jar, over real HTTP: the task endpoint returns the timeline of an uploaded
 * video made of two clips, a job runs it to the same timeline sending each segment as an event before its end, a
 * live HLS stream served here that stalls fails a request and a job naming the stall with the segments so far, a
 * cancel stops a live job's reader, and stream URLs outside the allow-list, a still image and a timeline past
 * max-segments are refused with a problem that says why.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.jobs.workers=1", "git.backend.threads=1", "git.limits.stream-stall=4s",
                "git.limits.max-segments=50"})
class TimelineIT {
    @TempDir
    static Path tmp;
    static byte[] video;
    /** A live HLS stream of two 2-second scenes and a third that stops after 0 s: it stalls after 4 s. */
    static LiveHls live;

    @DynamicPropertySource
    static void liveStream(DynamicPropertyRegistry registry) throws IOException {
        live = LiveHls.start(Files.createTempDirectory("timeline-it-hls"), List.of(
                new Scene(Shape.CIRCLE, ShapeColor.RED, Background.BLACK, Direction.RIGHT),
                new Scene(Shape.SQUARE, ShapeColor.BLUE, Background.WHITE, Direction.LEFT),
                new Scene(Shape.TRIANGLE, ShapeColor.YELLOW, Background.GRAY, Direction.DOWN)), 20, 4);
        registry.add("git.security.allowed-stream-url-prefixes", live::prefix);
    }

    @AfterAll
    static void stopStream() {
        live.close();
    }

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
    void aJobSendsEachSegmentAsAnEventBeforeItsEndAndALateSubscriberGetsThemFirst() {
        HttpResponse<String> submitted = http.post("/api/v1/jobs",
                Http.form().file("two.mp4", video).field("task", "timeline"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        for (String body : List.of(http.get(location + "/events").body(), http.get(location + "/events").body())) {
            List<String> names = body.lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip())
                    .filter(n -> !n.equals("progress")).toList();
            assertThat(names).as(body).containsExactly("segment", "segment", "succeeded");
            String first = body.lines().dropWhile(l -> !l.equals("event:segment")).filter(l -> l.startsWith("data:"))
                    .findFirst().orElseThrow().substring(5);
            JsonNode segment = Http.JSON.readTree(first);
            assertThat(segment.get("start_s").asDouble()).isEqualTo(0.0);
            assertThat(segment.get("caption").asString()).isNotBlank();
        }
    }

    @Test
    void aLiveStreamThatStallsFailsTheRequestNamingTheStallWithTheSegmentsSoFar() {
        HttpResponse<String> r = http.post("/api/v1/tasks/timeline", Http.form().field("url", live.url()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
        JsonNode problem = Http.json(r);
        assertThat(problem.get("title").asString()).isEqualTo("Stream stalled");
        assertThat(problem.get("detail").asString()).contains("no new frame for more than 4000 ms");
        JsonNode segments = problem.get("segments");
        // Two scenes and perhaps the start of a third, depending on where FFmpeg cut the published segments.
        assertThat(segments.size()).as(r.body()).isBetween(2, 3);
        assertThat(segments.get(0).get("start_s").asDouble()).isEqualTo(0.0);
        assertThat(segments.get(1).get("start_s").asDouble()).isCloseTo(2.0, within(0.5));
    }

    @Test
    void aLiveJobThatStallsFailsKeepingItsSegmentsAsEventsAndInItsProblem() {
        HttpResponse<String> submitted = http.post("/api/v1/jobs",
                Http.form().field("task", "timeline").field("url", live.url()));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String body = http.get(location + "/events").body();
        List<String> names = body.lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip())
                .filter(n -> !n.equals("progress")).toList();
        assertThat(names).as(body).endsWith("failed").hasSizeBetween(3, 4);
        assertThat(names.subList(0, names.size() - 1)).as(body).containsOnly("segment");
        JsonNode error = Http.json(http.get(location)).get("error");
        assertThat(error.get("status").asInt()).isEqualTo(504);
        assertThat(error.get("title").asString()).isEqualTo("Stream stalled");
        assertThat(error.get("segments").size()).as("the problem keeps what the events sent")
                .isEqualTo(names.size() - 1);
    }

    @Test
    void cancellingALiveJobStopsItsStreamReader() throws InterruptedException {
        HttpResponse<String> submitted = http.post("/api/v1/jobs",
                Http.form().field("task", "timeline").field("url", live.url()));
        String id = Http.json(submitted).get("id").asString();
        JobClient.awaitStatus(http, id, "generating", java.time.Duration.ofSeconds(30));
        Thread.sleep(1500); // reading, then waiting on the stalled playlist (FFmpeg reloads it twice a second)
        assertThat(http.delete("/api/v1/jobs/" + id).statusCode()).isEqualTo(200);
        Thread.sleep(1500); // a heartbeat (250 ms) sees the cancel; the watchdog ends FFmpeg's wait at its next poll
        long quietSince = live.lastRequestNanos();
        Thread.sleep(2000);
        assertThat(live.lastRequestNanos()).as("no playlist reload after the cancel").isEqualTo(quietSince);
        assertThat(JobClient.status(http, id)).isEqualTo("cancelled");
    }

    @Test
    void streamUrlsOutsideTheAllowListAndOtherTasksAreRefused() {
        HttpResponse<String> outside = http.post("/api/v1/tasks/timeline",
                Http.form().field("url", "rtsp://camera.example/live"));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(400);
        assertThat(Http.json(outside).get("title").asString()).isEqualTo("Stream URL not allowed");
        HttpResponse<String> job = http.post("/api/v1/jobs", Http.form().field("task", "timeline")
                .field("url", "http://127.0.0.2/live.m3u8"));
        assertThat(job.statusCode()).as(job.body()).isEqualTo(400);
        HttpResponse<String> caption = http.post("/api/v1/tasks/caption", Http.form().field("url", live.url()));
        assertThat(caption.statusCode()).as(caption.body()).isEqualTo(400);
        assertThat(Http.json(caption).get("detail").asString()).contains("timeline task only");
        HttpResponse<String> none = http.post("/api/v1/tasks/timeline", Http.form().field("format", "vtt"));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(400);
    }

    @Test
    void maxSegmentsAboveTheServersLimitIsRefusedAndTheLimitHolds() {
        HttpResponse<String> above = http.post("/api/v1/tasks/timeline",
                Http.form().file("two.mp4", video).field("max-segments", "51"));
        assertThat(above.statusCode()).as(above.body()).isEqualTo(400);
        assertThat(Http.json(above).get("detail").asString()).contains("git.limits.max-segments");
        HttpResponse<String> past = http.post("/api/v1/tasks/timeline",
                Http.form().file("two.mp4", video).field("max-segments", "1"));
        assertThat(past.statusCode()).as(past.body()).isEqualTo(400);
        JsonNode problem = Http.json(past);
        assertThat(problem.get("detail").asString()).contains("limit of 1 segments (max-segments)");
        assertThat(problem.get("segments").size()).isEqualTo(1);
    }

    @Test
    void aStillImageIsRefusedWithTheReason() {
        HttpResponse<String> r = http.post("/api/v1/tasks/timeline",
                Http.form().file("one.png", Samples.png("image6", 0)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }
}
