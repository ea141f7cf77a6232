package io.gitplatform.core.hub;

import java.util.regex.Pattern;

/**
 * A Hugging Face model id, {@code owner/name}. Both parts become a cache folder name ({@code models--owner--name})
 * and a URL path, so anything that could escape either is rejected here, once.
 */
public record RepoId(String owner, String name) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    public RepoId {
        check(owner, owner + "/" + name);
        check(name, owner + "/" + name);
    }

    public static RepoId parse(String id) {
        if (id == null) {
            throw invalid("null");
        }
        int slash = id.indexOf('/');
        if (slash < 0 || slash != id.lastIndexOf('/')) {
            throw invalid(id);
        }
        return new RepoId(id.substring(0, slash), id.substring(slash + 1));
    }

    /** The folder under {@code {cacheRoot}/hub}, as huggingface_hub names it. */
    public String cacheName() {
        return "models--" + owner + "--" + name;
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }

    private static void check(String part, String id) {
        // ".." would climb out of the cache; "--" would make models--a--b--c ambiguous (huggingface_hub forbids both).
        if (part == null || !PART.matcher(part).matches() || part.contains("..") || part.contains("--")) {
            throw invalid(id);
        }
    }

    private static IllegalArgumentException invalid(String id) {
        return new IllegalArgumentException("'" + Printable.of(id) + "' is not a valid hub model id: expected"
                + " owner/name, each part 1-96 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                + " without '..' or '--' (for example microsoft/git-base-vatex)");
    }
}
