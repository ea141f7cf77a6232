package io.gitplatform.spark.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The files a job's {@code --input} names, listed on the driver through Hadoop (any file system): a directory
 * recursively, or a glob. Empty files are kept, so they get their error row (Spark's file sources skip them), and
 * hidden files ({@code .name}, {@code _name}) are left out as Spark leaves them out.
 */
final class InputFiles {

    private InputFiles() {
    }

    static List<String> list(String input, Configuration conf) {
        try {
            Path pattern = new Path(input);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException("--input " + input + " matches no file");
            }
            List<String> files = new ArrayList<>();
            for (FileStatus match : matches) {
                if (match.isFile()) {
                    files.add(match.getPath().toString());
                    continue;
                }
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
                while (it.hasNext()) {
                    Path file = it.next().getPath();
                    if (!hidden(file, match.getPath())) {
                        files.add(file.toString());
                    }
                }
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list --input " + input, e);
        }
    }

    /** Whether a name between {@code root} and the file starts with '.' or '_'. */
    private static boolean hidden(Path file, Path root) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
