package io.gitplatform.core.hub;

import java.util.regex.Pattern;

/**
 * Revision names (branches, tags, commits). A revision becomes a file under {@code refs/}, so it is checked like a
 * path: git-style segments, no {@code ..}, nothing absolute.
 */
final class Revisions {
    static final String DEFAULT = "main";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final int MAX_LENGTH = 255;

    private Revisions() {
    }

    /** A full commit id: the only kind of revision whose content can never change. */
    static boolean isCommit(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    static String check(String revision) {
        if (revision == null || revision.isEmpty() || revision.length() > MAX_LENGTH || revision.contains("..")) {
            throw invalid(revision);
        }
        for (String segment : revision.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw invalid(revision);
            }
        }
        return revision;
    }

    private static IllegalArgumentException invalid(String revision) {
        return new IllegalArgumentException("'" + (revision == null ? "null" : Printable.of(revision))
                + "' is not a valid revision: expected a branch, tag or 40-hex commit id of letters, digits, '.', '_',"
                + " '-' and '/' (segments not starting with '.' or '-', no '..')");
    }
}
