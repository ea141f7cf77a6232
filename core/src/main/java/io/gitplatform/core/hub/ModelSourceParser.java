package io.gitplatform.core.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** {@link ModelSource#parse(String, String)}: tells embedded, folders and hub ids apart. */
final class ModelSourceParser {
    /** owner/name[@revision] not starting like a relative path; the id's own rules then give the detailed error. */
    private static final Pattern HUB_ID_SHAPE = Pattern.compile("[^/@\\\\~.][^/@\\\\]*/[^/@\\\\]+(@.*)?");

    private ModelSourceParser() {
    }

    static ModelSource parse(String spec, String revision) {
        String s = spec == null ? "" : spec.strip();
        String rev = revision == null || revision.isBlank() ? null : revision.strip();
        if (s.isEmpty() || s.equals("embedded")) {
            return noRevision(new ModelSource.Embedded(), rev);
        }
        if (s.startsWith(ModelSource.HUB_PREFIX)) {
            return hub(s.substring(ModelSource.HUB_PREFIX.length()), rev);
        }
        Path path = localPath(s);
        if (path != null && Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("model source '" + Printable.of(s) + "' is a file; expected a model"
                        + " folder (with config.json and model.safetensors)");
            }
            return noRevision(new ModelSource.LocalFolder(path.toAbsolutePath().normalize()), rev);
        }
        if (HUB_ID_SHAPE.matcher(s).matches()) {
            return hub(s, rev);
        }
        throw new IllegalArgumentException("model source '" + Printable.of(s) + "': no such model folder, and not a hub"
                + " id either (write embedded, an existing folder, or hub:owner/name@revision)");
    }

    private static ModelSource hub(String idAndRevision, String separate) {
        int at = idAndRevision.indexOf('@');
        RepoId repo = RepoId.parse(at < 0 ? idAndRevision : idAndRevision.substring(0, at));
        String inline = at < 0 ? null : idAndRevision.substring(at + 1);
        if (inline != null && separate != null && !inline.equals(separate)) {
            throw new IllegalArgumentException("model source '" + Printable.of(idAndRevision) + "' names revision '"
                    + Printable.of(inline) + "' but revision '" + Printable.of(separate) + "' was also given");
        }
        return new ModelSource.Hub(repo, inline != null ? inline : separate != null ? separate : Revisions.DEFAULT);
    }

    private static ModelSource noRevision(ModelSource source, String revision) {
        if (revision != null) {
            throw new IllegalArgumentException("revision '" + Printable.of(revision) + "' given for model source '"
                    + source + "'; only hub models have revisions");
        }
        return source;
    }

    private static Path localPath(String s) {
        try {
            if (s.equals("~") || s.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(s.substring(Math.min(2, s.length())));
            }
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
