package io.gitplatform.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gitplatform.core.config.ConfigException;
import io.gitplatform.core.generate.GenerationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes as a model folder's {@code config.json}, {@code preprocessor_config.json} and
 * {@code generation_config.json} at once (their keys do not overlap, so one JSON object drives all three parsers and
 * the checks between them). Reading the folder either gives settings the engine can use, or a
 * {@link ConfigException} naming the file; never another exception, never settings that fail later, per request.
 */
class ModelFolderFuzzTest {
    private static Path folder;

    @BeforeAll
    static void setUp() throws IOException {
        folder = Files.createTempDirectory("fuzz-model");
    }

    @FuzzTest(maxDuration = "10s")
    void readConfigFiles(byte[] json) throws IOException {
        for (String name : new String[] {"config.json", "preprocessor_config.json", "generation_config.json"}) {
            Files.write(folder.resolve(name), json);
        }
        ModelFolder read;
        try {
            read = ModelFolder.read(folder);
        } catch (ConfigException expected) {
            assertThat(expected).hasMessageStartingWith(folder.toString());
            return;
        }
        assertThat(read.config().vision_config().tokensPerFrame()).isPositive();
        assertThat(read.config().frames()).isPositive();
        assertThat(read.processor().crop_height()).isPositive();
        GenerationOptions.from(read.generation()); // what every request starts from: must be valid
    }
}
