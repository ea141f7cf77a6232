package io.gitplatform.core.hub;

import java.nio.file.Path;

/**
 * Where a model comes from, parsed from what a user writes in YAML or on the command line:
 * <ul>
 * <li>{@code embedded} (or nothing): the tiny model inside the jar;</li>
 * <li>a path to a Hugging Face model folder, which must exist;</li>
 * <li>{@code hub:owner/name@revision}, or {@code owner/name} plus a separate revision (default {@code main}).</li>
 * </ul>
 * As in transformers' {@code from_pretrained}, an existing local folder wins over a hub id of the same spelling.
 */
public sealed interface ModelSource permits ModelSource.Embedded, ModelSource.LocalFolder, ModelSource.Hub {

    String HUB_PREFIX = "hub:";

    record Embedded() implements ModelSource {
        @Override
        public String toString() {
            return "embedded";
        }
    }

    record LocalFolder(Path path) implements ModelSource {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A hub model at a revision; only a 40-hex commit id is {@linkplain #pinned() reproducible}. */
    record Hub(RepoId repo, String revision) implements ModelSource {
        public Hub {
            Revisions.check(revision);
        }

        public boolean pinned() {
            return Revisions.isCommit(revision);
        }

        @Override
        public String toString() {
            return HUB_PREFIX + repo + "@" + revision;
        }
    }

    static ModelSource parse(String spec) {
        return parse(spec, null);
    }

    /**
     * @param revision the revision given separately (a YAML {@code revision:} key, a {@code --revision} option), or
     *                 null when it was not given; only hub models have one
     * @throws IllegalArgumentException naming the problem: a missing folder, a malformed id or revision
     */
    static ModelSource parse(String spec, String revision) {
        return ModelSourceParser.parse(spec, revision);
    }
}
