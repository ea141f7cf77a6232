package io.gitplatform.core.config;

import java.nio.file.Path;

/** A model-folder file that is missing, unreadable or not what transformers would accept; the message names the file. */
public class ConfigException extends RuntimeException {
    public ConfigException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ConfigException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
