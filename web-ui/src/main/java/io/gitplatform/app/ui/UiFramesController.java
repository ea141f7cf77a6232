package io.gitplatform.app.ui;

import io.gitplatform.app.api.TaskController;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.image.ImageProcessorConfig;
import io.gitplatform.core.image.Images;
import io.gitplatform.core.image.PillowResize;
import io.gitplatform.core.image.ResampleFilter;
import io.gitplatform.spi.RgbImage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The frames the model sees of an upload, as PNG data URLs with their timestamps: the try-it page shows them as
 * thumbnails and sends them back to {@code /v1/chat/completions} to stream captions and answers. Each frame is
 * resized exactly as the model's processor resizes it (Pillow's filter, transformers' output size), so that the
 * processor's own resize is then a no-op and the chat endpoint sees the very pixels {@code /api/v1/caption} sees.
 */
@RestController
@Tag(name = "ui", description = "Read-only views for the admin web UI")
public class UiFramesController {
    public record Frame(long index, double timestamp, int width, int height, String dataUrl) {
    }

    public record FramesView(String kind, String format, List<Frame> frames) {
    }

    private final TaskService tasks;
    private final ModelHolder model;

    public UiFramesController(TaskService tasks, ModelHolder model) {
        this.tasks = tasks;
        this.model = model;
    }

    @PostMapping(path = "/api/v1/ui/frames", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The frames the model would sample from an upload, at the model's input size, as PNGs")
    public FramesView frames(@RequestPart("file") MultipartFile file) {
        Frames frames = tasks.decode(TaskController.bytes(file), file.getOriginalFilename());
        ImageProcessorConfig processor = model.pipeline().processor().config();
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < frames.count(); i++) {
            RgbImage image = toModelSize(frames.images().get(i), processor);
            out.add(new Frame(frames.indices()[i], frames.timestamps()[i], image.width(), image.height(), png(image)));
        }
        return new FramesView(frames.video() ? "video" : "image", frames.format(), out);
    }

    /** transformers' resize: the short side to {@code shortest_edge}, the long side floored; or a fixed size. */
    static RgbImage toModelSize(RgbImage image, ImageProcessorConfig c) {
        if (!c.do_resize()) {
            return image;
        }
        int w = c.size_width();
        int h = c.size_height();
        if (c.shortest_edge() > 0) {
            int shortSide = Math.min(image.width(), image.height());
            int longSide = (int) ((double) ((long) c.shortest_edge() * Math.max(image.width(), image.height()))
                    / shortSide);
            w = image.width() <= image.height() ? c.shortest_edge() : longSide;
            h = image.width() <= image.height() ? longSide : c.shortest_edge();
        }
        return PillowResize.resize(image, w, h, ResampleFilter.fromPil(c.resample()));
    }

    private static String png(RgbImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(Images.toBufferedImage(image), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
