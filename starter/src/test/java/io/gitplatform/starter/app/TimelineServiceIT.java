package io.gitplatform.starter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.media.LiveHls;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.media.ShapeVideos.Background;
import io.gitplatform.core.media.ShapeVideos.Direction;
import io.gitplatform.core.media.ShapeVideos.Scene;
import io.gitplatform.core.media.ShapeVideos.Shape;
import io.gitplatform.core.media.ShapeVideos.ShapeColor;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.starter.GitInputException;
import io.gitplatform.starter.media.GitMedia;
import io.gitplatform.starter.task.GitTimeline;
import io.gitplatform.starter.task.GitTimelineService;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code GitTimelineService} runs the timeline plugin's head on a video file: segments as they come, SRT at the end. */
@SpringBootTest(classes = ShapesApplication.class,
        properties = {"git.model.cache-dir=target/git-cache", "git.model.loading=startup"})
class TimelineServiceIT {
    @Autowired
    GitTimelineService timelines;

    @Test
    void aTwoSceneVideoGivesTwoSegmentsAndSrt() throws Exception {
        List<BufferedImage> frames = new ArrayList<>(ShapeVideos.render(
                new Scene(Shape.TRIANGLE, ShapeColor.GREEN, Background.GRAY, Direction.UP), 30));
        frames.addAll(ShapeVideos.render(new Scene(Shape.CIRCLE, ShapeColor.YELLOW, Background.BLACK,
                Direction.DOWN), 30));
        Path video = ShapeVideos.write(frames, 10, ShapeVideos.VideoFormat.MP4_H264,
                Files.createTempDirectory("timeline-starter").resolve("two.mp4"));
        List<String> segments = new ArrayList<>();
        GitTimeline timeline = timelines.timeline(GitMedia.of(video), Map.of("format", "srt"), segments::add,
                new CancellationFlag());
        assertThat(timeline.captions()).hasSize(2);
        assertThat(segments).hasSize(2).allMatch(s -> s.startsWith("{\"start_s\":"));
        assertThat(timeline.text()).startsWith("1\n00:00:00,000 --> 00:00:03,")
                .contains("\n\n2\n00:00:03,000 --> ", timeline.captions().get(1));
        assertThatThrownBy(() -> timelines.timeline(GitMedia.of(video), Map.of("mode", "chapters"), null,
                new CancellationFlag())).isInstanceOf(GitInputException.class).hasMessageContaining("'mode'");
    }

    @Test
    void aLiveStreamThatStallsEndsWithTheStallNamedAfterItsSegmentsWereHanded() throws Exception {
        try (LiveHls live = LiveHls.start(Files.createTempDirectory("timeline-starter-hls"), List.of(
                new Scene(Shape.TRIANGLE, ShapeColor.GREEN, Background.GRAY, Direction.UP),
                new Scene(Shape.CIRCLE, ShapeColor.YELLOW, Background.BLACK, Direction.DOWN),
                new Scene(Shape.SQUARE, ShapeColor.RED, Background.WHITE, Direction.LEFT)), 20, 4)) {
            List<String> segments = new ArrayList<>();
            assertThatThrownBy(() -> timelines.timeline(URI.create(live.url()), Duration.ofSeconds(3), Map.of(),
                    segments::add, new CancellationFlag())).isInstanceOf(GitInputException.class)
                    .hasMessageContaining("stalled");
            // Two scenes and the start of a third were published (how much of the third depends on where FFmpeg cut).
            assertThat(segments).hasSizeBetween(2, 3);
            assertThat(segments.get(0)).startsWith("{\"start_s\":0.000,");
            assertThat(segments.get(1)).startsWith("{\"start_s\":2.000,");
        }
    }
}
