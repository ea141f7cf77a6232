package io.gitplatform.core.hub;

import java.io.IOException;
import java.nio.file.Path;

/** A second process for {@link RepoLockTest}: holds the repo lock until its stdin closes. */
public final class RepoLockHolder {
    private RepoLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (RepoLock lock = RepoLock.acquire(Path.of(args[0]), () -> {
        })) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes the pipe
            }
        }
    }
}
