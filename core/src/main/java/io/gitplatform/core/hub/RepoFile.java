package io.gitplatform.core.hub;

import java.util.regex.Pattern;

/**
 * One file of a repo at a commit, as the hub lists it: its size and checksum. LFS files (weights) are checked by
 * SHA-256, the others by their git blob id, SHA-1 of {@code "blob " + size + "\0" + bytes}.
 *
 * @param gitBlobId the git blob SHA-1, or null for an LFS file (the hub's blobId is then the pointer file's)
 * @param sha256    the LFS SHA-256, or null for a file stored in git
 */
public record RepoFile(String name, long size, String gitBlobId, String sha256) {
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public RepoFile {
        if (!isSafeName(name)) {
            throw new IllegalArgumentException("unsafe file name '" + (name == null ? "null" : Printable.of(name))
                    + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a negative size " + size);
        }
        boolean valid = sha256 != null ? SHA256.matcher(sha256).matches()
                : gitBlobId != null && SHA1.matcher(gitBlobId).matches();
        if (!valid) {
            throw new IllegalArgumentException("no valid checksum (an LFS sha256 or a 40-hex blobId)");
        }
    }

    public boolean lfs() {
        return sha256 != null;
    }

    /** The checksum's name and value, as messages show it. */
    public String checksum() {
        return lfs() ? "sha256 " + sha256 : "git blob sha1 " + gitBlobId;
    }

    /**
     * A name from the hub becomes a path under the cache: it must be relative, with no {@code .}, {@code ..} or empty
     * segments, no backslashes, colons or control characters. A git tree never holds anything else.
     */
    static boolean isSafeName(String name) {
        boolean ok = name != null && !name.isEmpty() && name.length() <= 1024 && !name.startsWith("/")
                && name.indexOf('\\') < 0 && name.indexOf(':') < 0 && name.chars().noneMatch(Character::isISOControl);
        if (ok) {
            for (String segment : name.split("/", -1)) {
                ok &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
            }
        }
        return ok;
    }
}
