package io.gitplatform.app.cli;

import io.gitplatform.core.image.Images;
import io.gitplatform.core.image.RgbImage;
import io.gitplatform.core.spi.TaskInput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Image files read with ImageIO into task inputs (video files wait for the media decoder). */
final class InputImages {
    private InputImages() {
    }

    static RgbImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such image file: " + file);
        }
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException("cannot read " + file + ": not an image format ImageIO knows"
                        + " (PNG, JPEG, BMP, GIF)");
            }
            return Images.fromBufferedImage(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The files as the frames of one video, in the order given. */
    static TaskInput video(List<Path> frames) {
        List<RgbImage> images = new ArrayList<>();
        for (Path f : frames) {
            images.add(read(f));
        }
        return TaskInput.video(images, null);
    }

    static TaskInput image(Path file) {
        return TaskInput.image(read(file));
    }
}
