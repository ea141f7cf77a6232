package io.gitplatform.core.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a hub model into the cache once, verified, and finds it there afterwards. Online, a branch or tag is resolved
 * by the hub on every call (branches move) but only missing files are fetched; a commit id already cached, and
 * everything in offline mode, costs no request at all. If the hub cannot be reached, a cached snapshot of the revision
 * is used with a warning, as huggingface_hub does.
 */
public final class HubDownloader {
    private static final Logger log = LoggerFactory.getLogger(HubDownloader.class);

    private final HubOptions options;
    private final HubClient client;
    private final HubCache cache;
    private final DownloadProgress progress;

    public HubDownloader(HubOptions options) {
        this(options, DownloadProgress.NONE);
    }

    public HubDownloader(HubOptions options, DownloadProgress progress) {
        this.options = options;
        this.client = new HubClient(options);
        this.cache = new HubCache(options.hubCache());
        this.progress = progress;
    }

    /**
     * The snapshot of {@code repo} at {@code revision}, downloading what the cache lacks.
     *
     * @throws HubException naming the repo, revision or file: not found, access denied, a failed checksum, offline and
     *                      not cached...
     */
    public HubSnapshot download(RepoId repo, String revision) {
        Revisions.check(revision);
        try {
            if (options.offline()) {
                return cached(repo, revision).orElseThrow(() -> new HubException(HubException.Kind.NOT_CACHED,
                        repo + "@" + revision + " is not in the cache (" + cache.repoDir(repo) + ") and offline mode"
                        + " is on (HF_HUB_OFFLINE or the offline option): download it once with the network, or use"
                        + " another source"));
            }
            if (Revisions.isCommit(revision)) {
                Optional<HubSnapshot> cached = cached(repo, revision);
                if (cached.isPresent()) {
                    return cached.get();
                }
            }
            RepoRevision listing;
            try {
                listing = client.revision(repo, revision);
            } catch (HubException e) {
                Optional<HubSnapshot> cached = e.kind() == HubException.Kind.UNAVAILABLE ? cached(repo, revision)
                        : Optional.empty();
                if (cached.isEmpty()) {
                    throw e;
                }
                log.warn("{}; using the cached snapshot {}", e.getMessage(), cached.get().dir());
                return cached.get();
            }
            if (Revisions.isCommit(revision) && !listing.commit().equals(revision)) {
                throw new HubException(HubException.Kind.BAD_RESPONSE, "asked the hub for commit " + revision + " of "
                        + repo + " and got commit " + listing.commit());
            }
            if (!Revisions.isCommit(revision)) {
                log.warn("{}@{} is commit {} today, but a branch or tag can move: for reproducible results use"
                        + " hub:{}@{}", repo, revision, listing.commit(), repo, listing.commit());
            }
            return fetch(listing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the model cache " + cache.repoDir(repo) + ": " + e, e);
        }
    }

    private HubSnapshot fetch(RepoRevision listing) throws IOException {
        RepoId repo = listing.repo();
        List<RepoFile> files = GitFiles.select(listing);
        for (RepoFile f : files) {
            if (f.size() > options.maxFileBytes()) {
                throw new HubException(HubException.Kind.TOO_LARGE, repo + "@" + listing.commit() + ": " + f.name()
                        + " is " + f.size() + " bytes, over the limit of " + options.maxFileBytes()
                        + " bytes (the hub option maxFileBytes)");
            }
        }
        Path dir = cache.snapshot(repo, listing.commit());
        try (RepoLock lock = RepoLock.acquire(cache.lockFile(repo),
                () -> log.info("Waiting for another download of {} to finish", repo))) {
            List<RepoFile> missing = files.stream().filter(f -> !isCached(dir, f)).toList();
            if (!missing.isEmpty()) {
                log.info("Downloading {}@{}: {} ({}) into {}", repo, listing.commit(),
                        String.join(", ", missing.stream().map(RepoFile::name).toList()),
                        ProgressBar.bytes(missing.stream().mapToLong(RepoFile::size).sum()), dir);
                Files.createDirectories(dir);
                for (RepoFile f : missing) {
                    fetchFile(repo, listing.commit(), f, dir.resolve(f.name()));
                }
            }
            cache.writeRef(repo, listing.revision(), listing.commit());
        }
        return new HubSnapshot(repo, listing.revision(), listing.commit(), dir);
    }

    /** Downloads beside the cache, verifies, then moves in: the snapshot only ever holds verified files. */
    private void fetchFile(RepoId repo, String commit, RepoFile file, Path target) throws IOException {
        Path part = cache.partial(repo, file);
        Files.createDirectories(part.getParent());
        client.download(repo, commit, file, part, progress);
        try {
            Checksums.verify(repo, file, part);
        } catch (HubException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<HubSnapshot> cached(RepoId repo, String revision) throws IOException {
        return cache.commitOf(repo, revision).map(commit -> new HubSnapshot(repo, revision, commit,
                cache.snapshot(repo, commit))).filter(s -> GitFiles.missingIn(s.dir()).isEmpty());
    }

    /** Present with the listed size: files enter the snapshot only after their checksum passed. */
    private static boolean isCached(Path dir, RepoFile file) {
        Path p = dir.resolve(file.name());
        try {
            return Files.isRegularFile(p) && Files.size(p) == file.size();
        } catch (IOException e) {
            return false;
        }
    }
}
