package io.gitplatform.core.hub;

/**
 * Told how a download advances: for each file, byte counts that only grow, from where it starts (0, or the resumed
 * length) to the total. Called on the downloading thread; a slow listener slows the download.
 */
@FunctionalInterface
public interface DownloadProgress {
    DownloadProgress NONE = (file, done, total) -> {
    };

    void update(String file, long bytesDone, long bytesTotal);
}
