package io.gitplatform.core.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The cache layout of huggingface_hub, without its symlinks: {@code {root}/models--{owner}--{name}/snapshots/{commit}/
 * {file}}, {@code refs/{revision}} holding the commit a branch or tag last resolved to, and partial downloads in
 * {@code blobs/{checksum}.incomplete} (keyed by content, so a retry resumes the same bytes).
 */
final class HubCache {
    private final Path root;

    HubCache(Path root) {
        this.root = root;
    }

    Path repoDir(RepoId repo) {
        return root.resolve(repo.cacheName());
    }

    Path snapshot(RepoId repo, String commit) {
        return repoDir(repo).resolve("snapshots").resolve(commit);
    }

    Path partial(RepoId repo, RepoFile file) {
        return repoDir(repo).resolve("blobs").resolve((file.lfs() ? file.sha256() : file.gitBlobId()) + ".incomplete");
    }

    Path lockFile(RepoId repo) {
        return root.resolve(".locks").resolve(repo.cacheName() + ".lock");
    }

    /** The commit {@code revision} names: itself for a commit id, else what its ref file holds (if anything). */
    Optional<String> commitOf(RepoId repo, String revision) throws IOException {
        if (Revisions.isCommit(revision)) {
            return Optional.of(revision);
        }
        Path ref = ref(repo, revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        String commit = Files.readString(ref, StandardCharsets.US_ASCII).strip();
        return Revisions.isCommit(commit) ? Optional.of(commit) : Optional.empty();
    }

    /** Records where a branch or tag points, once its snapshot is complete; a commit id needs no ref. */
    void writeRef(RepoId repo, String revision, String commit) throws IOException {
        if (Revisions.isCommit(revision)) {
            return;
        }
        Path ref = ref(repo, revision);
        Files.createDirectories(ref.getParent());
        Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.US_ASCII);
        Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path ref(RepoId repo, String revision) {
        return repoDir(repo).resolve("refs").resolve(Revisions.check(revision));
    }
}
