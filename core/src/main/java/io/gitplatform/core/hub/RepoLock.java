package io.gitplatform.core.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One downloader per repo at a time, across threads and processes. A file lock alone is not enough: the JVM holds file
 * locks per process and throws if a second thread asks, so threads queue on an in-process lock first. The lock file is
 * never deleted; deleting it would let two processes lock two different files.
 */
final class RepoLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    /** Holds the file lock until closed. */
    private final FileChannel channel;

    private RepoLock(ReentrantLock local, FileChannel channel) {
        this.local = local;
        this.channel = channel;
    }

    /** Blocks until the lock is free; {@code onWait} runs first if someone else holds it. */
    static RepoLock acquire(Path file, Runnable onWait) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
        if (!local.tryLock()) {
            onWait.run();
            local.lock();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                onWait.run();
                channel.lock();
            }
            return new RepoLock(local, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the file lock
        } finally {
            local.unlock();
        }
    }
}
