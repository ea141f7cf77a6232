package io.gitplatform.core.safetensors;

import java.nio.file.Path;

/** A checkpoint file that cannot be read as what it claims to be; the message names the file, the tensor and why. */
public class CheckpointException extends RuntimeException {

    private final Path file;

    public CheckpointException(Path file, String problem) {
        this(file, problem, null);
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** A problem with one tensor: the message reads {@code <file>: tensor '<name>': <problem>}. */
    public static CheckpointException tensor(Path file, String name, String problem) {
        return new CheckpointException(file, "tensor '" + name + "': " + problem);
    }

    public Path file() {
        return file;
    }
}
