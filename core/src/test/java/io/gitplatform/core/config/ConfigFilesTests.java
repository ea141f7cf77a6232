package io.gitplatform.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitplatform.core.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFilesTests {

    @TempDir
    Path tmp;

    @Test
    void readsTheFixtureConfigWithTransformersDefaults() {
        GitConfig c = GitConfig.read(SharedFixtures.tinyRandom().resolve("config.json"));
        assertThat(c.hidden_size()).isEqualTo(32);
        assertThat(c.vision_config().tokensPerFrame()).isEqualTo(17);
        assertThat(c.num_image_with_embedding()).isEqualTo(6);
        assertThat(c.eos_token_id()).containsExactly(102);
        GenerationConfig g = GenerationConfig.read(SharedFixtures.tinyRandom().resolve("generation_config.json"), c);
        assertThat(g.max_new_tokens()).isEqualTo(20);
        assertThat(g.num_beams()).isEqualTo(1);
    }

    @Test
    void anEmptyObjectGetsEveryDefault() throws Exception {
        Path f = write("{}");
        GitConfig c = GitConfig.read(f);
        assertThat(c.vision_config().image_size()).isEqualTo(224);
        assertThat(c.vision_config().patch_size()).isEqualTo(16);
        assertThat(c.num_image_with_embedding()).isNull();
        assertThat(c.frames()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"hidden_size\": 32,                               | malformed JSON",
        "[1, 2, 3]                                           | expected a JSON object",
        "{\"hidden_size\": \"big\"}                          | field 'hidden_size' must be an integer",
        "{\"hidden_size\": 2.5}                              | field 'hidden_size' must be an integer",
        "{\"hidden_size\": -8}                               | field 'hidden_size' must be positive",
        "{\"hidden_size\": 30, \"num_attention_heads\": 4}   | not a multiple of num_attention_heads",
        "{\"vision_config\": {\"image_size\": 30, \"patch_size\": 8}} | not a multiple of patch_size",
        "{\"vision_config\": 7}                              | field 'vision_config' must be an object",
        "{\"model_type\": \"bert\"}                          | model_type is 'bert'",
        "{\"hidden_act\": \"swish\"}                         | hidden_act 'swish' is not supported",
        "{\"num_image_with_embedding\": 0}                   | num_image_with_embedding must be positive",
        "{\"position_embedding_type\": \"relative_key\"}     | position_embedding_type 'relative_key' is not supported",
    })
    void aBrokenConfigNamesTheFileAndTheProblem(String json, String problem) throws Exception {
        Path f = write(json);
        assertThatThrownBy(() -> GitConfig.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(problem);
    }

    @Test
    void aMissingOrHugeConfigIsNamed() throws Exception {
        Path missing = tmp.resolve("nope/config.json");
        assertThatThrownBy(() -> GitConfig.read(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot read");
        Path huge = tmp.resolve("huge.json");
        Files.write(huge, new byte[(int) JsonFields.MAX_CONFIG_BYTES + 1]);
        assertThatThrownBy(() -> GitConfig.read(huge)).hasMessageContaining("a config file is at most");
    }

    private Path write(String json) throws Exception {
        Path f = Files.createTempFile(tmp, "config", ".json");
        Files.writeString(f, json);
        return f;
    }
}
