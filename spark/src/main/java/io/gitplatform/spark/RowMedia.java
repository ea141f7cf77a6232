package io.gitplatform.spark;

import io.gitplatform.core.media.DecodedMedia;
import io.gitplatform.core.media.MediaDecoder;
import io.gitplatform.core.media.MediaException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Decodes a row's input: a path or URI string, or the bytes of a {@code binaryFile} row. Local paths go to the
 * decoder as files; other file systems (hdfs, s3a, ...) are read through Hadoop within the decoder's byte limit.
 */
final class RowMedia {

    private RowMedia() {
    }

    static DecodedMedia decode(MediaDecoder decoder, String path, int frames) {
        URI uri = new org.apache.hadoop.fs.Path(path).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return decoder.decode(Path.of(uri.getPath()), frames);
        }
        String name = name(path);
        try {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = file.getFileSystem(new Configuration());
            FileStatus status = fs.getFileStatus(file);
            if (!status.isFile()) {
                throw new MediaException(MediaException.Reason.UNREADABLE, name + ": is not a readable file (" + path
                        + ")");
            }
            if (status.getLen() > decoder.limits().maxBytes()) { // refused before a byte is read into memory
                throw new MediaException(MediaException.Reason.TOO_LARGE, name + ": is " + status.getLen()
                        + " bytes, more than the limit of " + decoder.limits().maxBytes());
            }
            try (InputStream in = fs.open(file)) {
                return decoder.decode(in.readAllBytes(), name, frames);
            }
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.UNREADABLE, name + ": cannot be read (" + e + ")", e);
        }
    }

    static DecodedMedia decode(MediaDecoder decoder, byte[] content, String path, int frames) {
        return decoder.decode(content == null ? new byte[0] : content, path == null ? null : name(path), frames);
    }

    /** The last path segment, as the decoder names files in its messages. */
    static String name(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
