package io.gitplatform.core.hub;

import java.nio.file.Path;

/**
 * A model folder in the hub cache: {@code {cacheRoot}/hub/models--{owner}--{name}/snapshots/{commit}}.
 *
 * @param revision what was asked for (a branch, tag or commit)
 * @param commit   the commit it resolved to
 */
public record HubSnapshot(RepoId repo, String revision, String commit, Path dir) {

    /** The pinned source string, for {@code ModelFolder.source()} and for users to copy into their config. */
    public String source() {
        return ModelSource.HUB_PREFIX + repo + "@" + commit;
    }
}
