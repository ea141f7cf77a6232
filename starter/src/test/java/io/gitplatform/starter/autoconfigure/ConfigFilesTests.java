package io.gitplatform.starter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The YAML in {@code config/} binds to {@link GitProperties}, and every {@code git.*} key it sets is a documented
 * property (a typo would otherwise be ignored silently).
 */
class ConfigFilesTests {

    private static final Path CONFIG = Path.of("../config");

    @ParameterizedTest
    @ValueSource(strings = {"application.yml", "application-git-base-vatex.yml", "application-gpu.yml"})
    void everyGitKeyIsADocumentedProperty(String file) throws IOException {
        Set<String> documented = documentedProperties();
        for (PropertySource<?> source : load(file)) {
            for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (key.startsWith("git.")) {
                    assertThat(documented).as(file + ": " + key).contains(key.replaceAll("\\[\\d+]$", ""));
                }
            }
        }
    }

    @Test
    void defaultIsTheEmbeddedModelOnTheCpu() throws IOException {
        GitProperties p = bind("application.yml");
        assertThat(p.getModel().getSource()).isEqualTo("embedded");
        assertThat(p.getModel().getLoading()).isEqualTo(GitProperties.Loading.BACKGROUND);
        assertThat(p.getBackend().getId()).isEqualTo("cpu");
        assertThat(p.getBackend().getDtype()).isEqualTo(GitProperties.Dtype.AUTO);
        assertThat(p.getGeneration().getMaxNewTokens()).isNull();
    }

    @Test
    void profilesOverrideTheDefault() throws IOException {
        GitProperties vatex = bind("application.yml", "application-git-base-vatex.yml");
        assertThat(vatex.getModel().getSource()).isEqualTo("microsoft/git-base-vatex");
        assertThat(vatex.getModel().getRevision()).matches("[0-9a-f]{40}");
        assertThat(vatex.getBackend().getId()).isEqualTo("cpu");

        GitProperties gpu = bind("application.yml", "application-git-base-vatex.yml", "application-gpu.yml");
        assertThat(gpu.getModel().getSource()).isEqualTo("microsoft/git-base-vatex");
        assertThat(gpu.getBackend().getId()).isEqualTo("gpu");
        assertThat(gpu.getBackend().getDtype()).isEqualTo(GitProperties.Dtype.FLOAT16);
    }

    /** Later files win, as profile-specific files do over application.yml. */
    private static GitProperties bind(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (String file : files) {
            for (PropertySource<?> source : load(file)) {
                environment.getPropertySources().addFirst(source);
            }
        }
        return Binder.get(environment).bindOrCreate(GitProperties.PREFIX, GitProperties.class);
    }

    private static List<PropertySource<?>> load(String file) throws IOException {
        return new YamlPropertySourceLoader().load(file, new FileSystemResource(CONFIG.resolve(file)));
    }

    /** The names spring-boot-configuration-processor wrote for the starter's properties. */
    private static Set<String> documentedProperties() throws IOException {
        String json = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
        Matcher names = Pattern.compile("\"name\"\\s*:\\s*\"(git\\.[^\"]+)\"").matcher(json);
        List<String> found = new ArrayList<>();
        while (names.find()) {
            found.add(names.group(1));
        }
        return new TreeSet<>(found);
    }
}
