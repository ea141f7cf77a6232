package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.core.testing.SharedFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of source ends as a readable model folder (the hub kind is covered by {@link HubDownloaderTest}). */
class ModelResolverTest {
    @TempDir
    Path cache;

    @Test
    void embeddedAndLocalFolders() {
        ModelResolver resolver = new ModelResolver(HubOptions.fromEnvironment(Map.of("HF_HUB_OFFLINE", "1"))
                .withCacheRoot(cache));

        ModelFolder embedded = resolver.resolve("embedded", null);
        assertThat(embedded.name()).isEqualTo(EmbeddedModel.NAME);
        assertThat(embedded.source()).isEqualTo("embedded");
        assertThat(embedded.path()).startsWith(cache);

        Path shapes = SharedFixtures.tinyShapes();
        ModelFolder local = resolver.resolve(shapes.toString(), null);
        assertThat(local.path()).isEqualTo(shapes);
        assertThat(local.config()).isEqualTo(embedded.config());
    }
}
