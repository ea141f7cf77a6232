package io.gitplatform.core.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hub's answer to {@code GET /api/models/{repo}/revision/{revision}?blobs=true}: the commit the revision points to,
 * and the files there. Every file name is checked on arrival; a file's size and checksum are read when it is wanted, so
 * an odd entry for a file nobody downloads does not fail the model.
 */
public final class RepoRevision {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final RepoId repo;
    private final String revision;
    private final String commit;
    private final Map<String, JsonObject> siblings;

    private RepoRevision(RepoId repo, String revision, String commit, Map<String, JsonObject> siblings) {
        this.repo = repo;
        this.revision = revision;
        this.commit = commit;
        this.siblings = siblings;
    }

    static RepoRevision parse(RepoId repo, String revision, String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw bad(repo, "is not a JSON object");
            }
            JsonObject o = root.getAsJsonObject();
            String commit = o.has("sha") && o.get("sha").isJsonPrimitive() ? o.get("sha").getAsString() : "";
            if (!COMMIT.matcher(commit).matches()) {
                throw bad(repo, "has no valid commit id ('sha': 40 hex digits)");
            }
            if (!o.has("siblings") || !o.get("siblings").isJsonArray()) {
                throw bad(repo, "has no file list ('siblings')");
            }
            Map<String, JsonObject> siblings = new LinkedHashMap<>();
            for (JsonElement e : o.getAsJsonArray("siblings")) {
                JsonObject s = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
                String name = s.has("rfilename") && s.get("rfilename").isJsonPrimitive()
                        ? s.get("rfilename").getAsString() : null;
                if (!RepoFile.isSafeName(name)) {
                    // A listing with a name no git tree can hold is not trusted for any of its files.
                    throw bad(repo, "lists an unsafe file name '" + (name == null ? "null" : Printable.of(name)) + "'");
                }
                siblings.put(name, s);
            }
            return new RepoRevision(repo, revision, commit, siblings);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw bad(repo, "is malformed JSON: " + Printable.of(String.valueOf(e.getMessage())));
        }
    }

    public RepoId repo() {
        return repo;
    }

    public String revision() {
        return revision;
    }

    public String commit() {
        return commit;
    }

    public List<String> fileNames() {
        return List.copyOf(siblings.keySet());
    }

    public boolean has(String name) {
        return siblings.containsKey(name);
    }

    /** The listed size and checksum of a file, which must be {@linkplain #has(String) listed}. */
    public RepoFile file(String name) {
        JsonObject s = siblings.get(name);
        if (s == null) {
            throw new IllegalArgumentException(repo + "@" + commit + " has no file " + name);
        }
        try {
            JsonObject lfs = s.has("lfs") && s.get("lfs").isJsonObject() ? s.getAsJsonObject("lfs") : null;
            if (lfs != null) {
                return new RepoFile(name, number(lfs, "size", name), null, text(lfs, "sha256"));
            }
            return new RepoFile(name, number(s, "size", name), text(s, "blobId"), null);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw bad(repo, "lists file '" + name + "' with a malformed size or checksum: " + e.getMessage());
        }
    }

    private long number(JsonObject o, String field, String file) {
        if (!o.has(field) || !o.get(field).isJsonPrimitive()) {
            throw bad(repo, "lists file '" + file + "' without its size (does the endpoint support ?blobs=true?)");
        }
        return o.get(field).getAsLong();
    }

    private static String text(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : null;
    }

    private static HubException bad(RepoId repo, String problem) {
        return new HubException(HubException.Kind.BAD_RESPONSE, "the hub's description of " + repo + " " + problem);
    }
}
