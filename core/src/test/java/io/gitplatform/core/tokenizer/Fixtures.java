package io.gitplatform.core.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The shared reference folder and model folders built from it. */
final class Fixtures {

    private Fixtures() {
    }

    static Path shared() {
        String dir = System.getProperty("shared.dir");
        return Path.of(dir != null ? dir : "../../shared");
    }

    /** bert-base-uncased's tokenizer.json (30,522 tokens). */
    static Path tinyRandom() {
        return shared().resolve("fixtures/git-tiny-random");
    }

    /** The trained tiny GIT with its own 42-token vocabulary. */
    static Path tinyShapes() {
        return shared().resolve("models/git-tiny-shapes");
    }

    static JsonElement json(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder holding only a vocab.txt with the tokenizer.json's model.vocab, one token a line in id order. */
    static Path vocabTxtFolder(Path modelFolder, Path into) {
        JsonObject vocab = json(modelFolder.resolve("tokenizer.json")).getAsJsonObject()
                .getAsJsonObject("model").getAsJsonObject("vocab");
        Map<Integer, String> byId = new TreeMap<>();
        vocab.entrySet().forEach(e -> byId.put(e.getValue().getAsInt(), e.getKey()));
        try {
            Path folder = Files.createDirectories(into.resolve(modelFolder.getFileName() + "-vocab-txt"));
            Files.writeString(folder.resolve("vocab.txt"), String.join("\n", byId.values()) + "\n");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two ways a model folder can carry its tokenizer. */
    enum Source {
        TOKENIZER_JSON, VOCAB_TXT;

        GitTokenizer load(Path modelFolder, Path temp) {
            return GitTokenizer.load(this == TOKENIZER_JSON ? modelFolder : vocabTxtFolder(modelFolder, temp));
        }
    }
}
