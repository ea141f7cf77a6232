package io.gitplatform.core.pipeline;

import io.gitplatform.core.config.ConfigException;
import io.gitplatform.core.config.GenerationConfig;
import io.gitplatform.core.config.GitConfig;
import io.gitplatform.core.generate.GenerationOptions;
import io.gitplatform.core.image.ImageProcessorConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face model folder as transformers' {@code from_pretrained} reads it: {@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json} (or {@code vocab.txt}), {@code preprocessor_config.json},
 * {@code generation_config.json}.
 *
 * @param name   a display name (the folder's name, or the hub id it came from)
 * @param source where it came from: a path, {@code embedded}, or {@code hub:<id>@<revision>}
 */
public record ModelFolder(Path path, String name, String source, GitConfig config, GenerationConfig generation,
        ImageProcessorConfig processor) {

    public static ModelFolder read(Path path) {
        return read(path, path.getFileName() == null ? path.toString() : path.getFileName().toString(),
                path.toAbsolutePath().toString());
    }

    public static ModelFolder read(Path path, String name, String source) {
        if (!Files.isDirectory(path)) {
            throw new ConfigException(path, "not a model folder (no such directory)");
        }
        GitConfig config = GitConfig.read(path.resolve("config.json"));
        GenerationConfig generation = GenerationConfig.read(path.resolve("generation_config.json"), config);
        try {
            GenerationOptions.from(generation); // every request starts from these: refuse them now, naming the file
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path.resolve("generation_config.json"), "unusable defaults: " + e.getMessage(),
                    e);
        }
        ImageProcessorConfig processor = ImageProcessorConfig.readOrDefault(path.resolve("preprocessor_config.json"),
                config.vision_config().image_size());
        if (processor.crop_height() != config.vision_config().image_size()
                || processor.crop_width() != config.vision_config().image_size()) {
            throw new ConfigException(path.resolve("preprocessor_config.json"), "crop_size "
                    + processor.crop_height() + "x" + processor.crop_width() + " does not match the model's image_size "
                    + config.vision_config().image_size());
        }
        return new ModelFolder(path, name, source, config, generation, processor);
    }

    /** The size of the checkpoint file ({@code model.safetensors}), 0 when it cannot be read (loading will say why). */
    public long weightBytes() {
        try {
            return Files.size(path.resolve(io.gitplatform.core.model.GitModel.WEIGHTS_FILE));
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
