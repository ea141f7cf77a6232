package io.gitplatform.core.hub;

import io.gitplatform.core.pipeline.EmbeddedModel;
import io.gitplatform.core.pipeline.ModelFolder;

/** Turns a {@link ModelSource} into a model folder on disk: extracted, as given, or downloaded into the cache. */
public final class ModelResolver {
    private final HubOptions options;
    private final HubDownloader downloader;

    public ModelResolver(HubOptions options) {
        this(options, DownloadProgress.NONE);
    }

    public ModelResolver(HubOptions options, DownloadProgress progress) {
        this.options = options;
        this.downloader = new HubDownloader(options, progress);
    }

    /** Parses then resolves; {@code revision} may be null (see {@link ModelSource#parse(String, String)}). */
    public ModelFolder resolve(String spec, String revision) {
        return resolve(ModelSource.parse(spec, revision));
    }

    public ModelFolder resolve(ModelSource source) {
        if (source instanceof ModelSource.Embedded) {
            return EmbeddedModel.folder(options.cacheRoot());
        }
        if (source instanceof ModelSource.LocalFolder local) {
            return ModelFolder.read(local.path());
        }
        ModelSource.Hub hub = (ModelSource.Hub) source;
        HubSnapshot snapshot = downloader.download(hub.repo(), hub.revision());
        return ModelFolder.read(snapshot.dir(), hub.repo().toString(), snapshot.source());
    }
}
