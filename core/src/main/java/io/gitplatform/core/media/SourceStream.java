package io.gitplatform.core.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * What FFmpeg reads through (JavaCV's InputStream grabber): seekable by mark/reset/skip without buffering, and at its
 * end as soon as the deadline has passed, so every FFmpeg read stops in time, even inside find_stream_info or the
 * decode loop of a frame-exact seek.
 */
final class SourceStream extends InputStream {

    private MediaSource source;
    private final Deadline deadline;
    private long position;
    private long mark;

    SourceStream(MediaSource source, Deadline deadline) {
        this.source = source;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (source == null || deadline.expired()) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = source.read(position, b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = source == null ? 0 : Math.max(0, Math.min(n, source.size() - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return source == null ? 0 : (int) Math.min(Integer.MAX_VALUE, source.size() - position);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        position = mark;
    }

    /** Drops the source, so that nothing still holding this stream (JavaCV keeps it in a static map) pins the upload. */
    @Override
    public void close() {
        source = null;
    }

    /** JavaCV retries a failed open using this as a file name; an empty name opens nothing. */
    @Override
    public String toString() {
        return "";
    }
}
