package io.gitplatform.starter.media;

import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.MimeType;

/**
 * What a task looks at, before decoding: one image or video, or several still images that are the frames of one
 * video, in time order.
 *
 * @param parts one item, or the frames of one video
 */
public record GitMedia(List<Part> parts) {

    /**
     * One file's bytes.
     *
     * @param mimeType the declared type, or null to go by the name and the content
     */
    public record Part(Resource resource, MimeType mimeType) {

        /** @param name a file name whose extension hints at the format, or null */
        public static Part of(byte[] bytes, String name, MimeType mimeType) {
            return new Part(named(bytes, name), mimeType);
        }
    }

    public GitMedia {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no media given");
        }
    }

    public static GitMedia of(Path file) {
        return of(new FileSystemResource(file));
    }

    public static GitMedia of(Resource resource) {
        return new GitMedia(List.of(new Part(resource, null)));
    }

    /** @param name a file name whose extension hints at the format, or null */
    public static GitMedia of(byte[] bytes, String name) {
        return new GitMedia(List.of(Part.of(bytes, name, null)));
    }

    /** Still images that are a video's frames, in time order. */
    public static GitMedia frames(List<Resource> frames) {
        return new GitMedia(frames.stream().map(r -> new Part(r, null)).toList());
    }

    /** {@link #frames(List)} from files. */
    public static GitMedia framesOf(List<Path> frames) {
        return frames(frames.stream().<Resource>map(FileSystemResource::new).toList());
    }

    private static Resource named(byte[] bytes, String name) {
        return new ByteArrayResource(bytes, name == null ? "bytes" : name) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    @Override
    public String toString() {
        return parts.size() == 1 ? parts.get(0).resource().getDescription() : parts.size() + " frames";
    }
}
