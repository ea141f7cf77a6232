package io.gitplatform.core.media;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** The input bytes, read at any position: an upload in memory or a file on disk (never copied into memory). */
abstract class MediaSource implements Closeable {

    static MediaSource of(byte[] bytes) {
        return new InMemory(bytes);
    }

    static MediaSource open(Path file) throws IOException {
        return new OnDisk(FileChannel.open(file, StandardOpenOption.READ));
    }

    abstract long size();

    /** Reads up to {@code len} bytes at {@code position}; -1 at the end. */
    abstract int read(long position, byte[] dst, int off, int len) throws IOException;

    /** Up to {@code n} bytes at {@code position}: fewer near the end, none past it. */
    final byte[] bytesAt(long position, int n) throws IOException {
        byte[] out = new byte[(int) Math.max(0, Math.min(n, size() - position))];
        int filled = 0;
        while (filled < out.length) {
            int got = read(position + filled, out, filled, out.length - filled);
            if (got < 0) {
                return Arrays.copyOf(out, filled);
            }
            filled += got;
        }
        return out;
    }

    private static final class InMemory extends MediaSource {
        private final byte[] bytes;

        InMemory(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        long size() {
            return bytes.length;
        }

        @Override
        int read(long position, byte[] dst, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(len, bytes.length - position);
            System.arraycopy(bytes, (int) position, dst, off, n);
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static final class OnDisk extends MediaSource {
        private final FileChannel channel;
        private final long size;

        OnDisk(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        @Override
        long size() {
            return size;
        }

        @Override
        int read(long position, byte[] dst, int off, int len) throws IOException {
            return position >= size ? -1 : channel.read(ByteBuffer.wrap(dst, off, len), position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
