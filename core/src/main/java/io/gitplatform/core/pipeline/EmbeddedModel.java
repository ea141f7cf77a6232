package io.gitplatform.core.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The default model shipped inside the jar: git-tiny-shapes, a 1.46 M-parameter GIT trained on coloured shapes. The
 * weights are memory-mapped, so it is copied once to a folder (by content hash) and read from there.
 */
public final class EmbeddedModel {
    public static final String NAME = "git-tiny-shapes";
    private static final String RESOURCE_DIR = "/git-platform/models/" + NAME + "/";
    private static final List<String> FILES = List.of("config.json", "generation_config.json", "model.safetensors",
            "preprocessor_config.json", "tokenizer.json");

    private EmbeddedModel() {
    }

    /** The embedded model as a folder under {@code cacheRoot}, extracted on first use. */
    public static ModelFolder folder(Path cacheRoot) {
        return ModelFolder.read(extract(cacheRoot), NAME, "embedded");
    }

    static Path extract(Path cacheRoot) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String f : FILES) {
                try (InputStream in = open(f)) {
                    sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(in.readAllBytes());
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            Path dir = cacheRoot.resolve("embedded").resolve(NAME + "-" + hash);
            if (Files.isRegularFile(dir.resolve(".complete"))) {
                return dir;
            }
            Files.createDirectories(dir);
            for (String f : FILES) {
                // Write beside, then move: a concurrent reader never sees a half-written file.
                Path tmp = Files.createTempFile(dir, f, ".part");
                try (InputStream in = open(f)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.writeString(dir.resolve(".complete"), hash);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded model under " + cacheRoot + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = EmbeddedModel.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IOException("the embedded model resource " + RESOURCE_DIR + file + " is missing from the jar");
        }
        return in;
    }

    /** The default cache root: {@code $GIT_PLATFORM_CACHE} or {@code ~/.cache/git-platform}. */
    public static Path defaultCacheRoot() {
        String env = System.getenv("GIT_PLATFORM_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "git-platform");
    }
}
