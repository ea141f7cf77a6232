package io.gitplatform.starter.model;

import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.starter.autoconfigure.GitProperties;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code git.model.source}: {@code embedded} or an existing model folder. Hub ids are refused with a clear
 * message until the hub resolver (io.gitplatform.core.hub) is part of core; it will take over this class's job.
 */
public class PropertiesModelResolver implements GitModelResolver {

    private final GitProperties.Model model;

    public PropertiesModelResolver(GitProperties.Model model) {
        this.model = model;
    }

    @Override
    public ModelFolder resolve() {
        String source = model.getSource() == null ? "" : model.getSource().strip();
        if (source.isEmpty() || source.equals("embedded")) {
            return EmbeddedModel.folder(cacheRoot(model));
        }
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return ModelFolder.read(path);
        }
        throw new IllegalStateException("git.model.source '" + source + "' is neither 'embedded' nor an existing "
                + "model folder, and this build cannot download from the hub yet");
    }

    static Path cacheRoot(GitProperties.Model model) {
        return model.getCacheDir() != null ? model.getCacheDir() : EmbeddedModel.defaultCacheRoot();
    }
}
