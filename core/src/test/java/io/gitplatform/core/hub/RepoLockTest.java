package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repo lock excludes other processes (the file lock) and other threads (the in-process lock). */
class RepoLockTest {
    @TempDir
    Path temp;

    @Test
    void anotherProcessHoldingTheLockMakesUsWait() throws Exception {
        Path file = temp.resolve(".locks/models--a--b.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RepoLockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            CountDownLatch waited = new CountDownLatch(1);
            CompletableFuture<Void> ours = CompletableFuture.runAsync(() -> {
                try (RepoLock lock = RepoLock.acquire(file, waited::countDown)) {
                    // got it once the other process let go
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waited.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(ours).isNotDone();

            holder.getOutputStream().close();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
            ours.get(10, TimeUnit.SECONDS);
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void threadsTakeTurns() throws Exception {
        Path file = temp.resolve("x.lock");
        CountDownLatch waited = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (RepoLock first = RepoLock.acquire(file, () -> {
        })) {
            second = CompletableFuture.runAsync(() -> {
                try (RepoLock lock = RepoLock.acquire(file, waited::countDown)) {
                    // got it once the first was released
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waited.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second).isNotDone();
        }
        second.get(10, TimeUnit.SECONDS);
    }
}
