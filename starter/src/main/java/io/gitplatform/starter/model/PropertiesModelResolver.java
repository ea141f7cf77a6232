package io.gitplatform.starter.model;

import io.gitplatform.core.hub.HubOptions;
import io.gitplatform.core.hub.ModelResolver;
import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.ModelFolder;
import io.gitplatform.starter.autoconfigure.GitProperties;

/**
 * Resolves {@code git.model.*} with core's hub resolver: the embedded model is extracted into the cache, a folder is
 * read as given, and a hub id is downloaded (verified, resumable) into the cache, or read from it when offline.
 */
public class PropertiesModelResolver implements GitModelResolver {

    private final GitProperties.Model model;

    public PropertiesModelResolver(GitProperties.Model model) {
        this.model = model;
    }

    @Override
    public ModelFolder resolve() {
        return new ModelResolver(hubOptions(model)).resolve(model.getSource(), model.getRevision());
    }

    /** The hub settings; the token is never printed (HubOptions masks it). */
    public static HubOptions hubOptions(GitProperties.Model model) {
        GitProperties.Hub hub = model.getHub();
        return new HubOptions(model.getCacheDir() != null ? model.getCacheDir() : EmbeddedModel.defaultCacheRoot(),
                hub.getEndpoint(), hub.getToken(), hub.getConnectTimeout(), hub.getReadTimeout(),
                hub.getMaxFileSize().toBytes(), model.isOffline());
    }
}
