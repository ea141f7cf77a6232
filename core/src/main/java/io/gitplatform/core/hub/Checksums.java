package io.gitplatform.core.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A downloaded file checked against the hub's listing: its size, then its SHA-256 (LFS) or git blob SHA-1. */
final class Checksums {
    private Checksums() {
    }

    /** @throws HubException of kind INTEGRITY naming the file, the expected and the actual value */
    static void verify(RepoId repo, RepoFile file, Path data) throws IOException {
        long size = Files.size(data);
        if (size != file.size()) {
            throw new HubException(HubException.Kind.INTEGRITY, repo + ": " + file.name() + " has " + size
                    + " bytes but the hub lists " + file.size() + " (size mismatch); the download was discarded");
        }
        String actual = file.lfs() ? hex(digest("SHA-256", null, data)) : hex(digest("SHA-1", gitHeader(size), data));
        String expected = file.lfs() ? file.sha256() : file.gitBlobId();
        if (!actual.equals(expected)) {
            throw new HubException(HubException.Kind.INTEGRITY, repo + ": " + file.name() + " failed its checksum: the"
                    + " hub lists " + file.checksum() + ", the download has " + actual + "; it was discarded");
        }
    }

    /** git hashes a blob as {@code "blob <size>\0"} followed by the content. */
    private static byte[] gitHeader(long size) {
        return ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] digest(String algorithm, byte[] prefix, Path data) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                md.update(prefix);
            }
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(data)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                }
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
