package io.gitplatform.core.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a hub repo that make a GIT model folder: the weights as safetensors, the config, a tokenizer, and the
 * optional processor, generation and tokenizer settings. The rest (pytorch_model.bin, README.md) stays on the hub.
 */
final class GitFiles {
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    /** Either tokenizer is enough; tokenizer.json is preferred, as GitTokenizer does. */
    static final List<String> TOKENIZERS = List.of("tokenizer.json", "vocab.txt");
    static final List<String> OPTIONAL = List.of("preprocessor_config.json", "generation_config.json",
            "tokenizer_config.json", "special_tokens_map.json");

    private GitFiles() {
    }

    /**
     * The files to fetch, in the order to fetch them: the optional ones first and the weights last, so that a snapshot
     * holding the weights holds everything (each file appears only once verified).
     */
    static List<RepoFile> select(RepoRevision revision) {
        List<String> wanted = new ArrayList<>();
        OPTIONAL.stream().filter(revision::has).forEach(wanted::add);
        List<String> missing = new ArrayList<>();
        TOKENIZERS.stream().filter(revision::has).findFirst().ifPresentOrElse(wanted::add,
                () -> missing.add(String.join(" or ", TOKENIZERS)));
        for (String required : List.of(CONFIG, WEIGHTS)) {
            (revision.has(required) ? wanted : missing).add(required);
        }
        if (!missing.isEmpty()) {
            throw new HubException(HubException.Kind.UNSUPPORTED, revision.repo() + "@" + revision.commit()
                    + " is not a GIT model folder this platform can read: it has no " + String.join(", ", missing)
                    + " (it lists " + Printable.of(String.join(", ", revision.fileNames())) + ")"
                    + (missing.contains(WEIGHTS) ? "; only safetensors weights are read" : ""));
        }
        return wanted.stream().map(revision::file).toList();
    }

    /** The required files a cached snapshot lacks; with the weights fetched last, none missing means complete. */
    static List<String> missingIn(Path snapshot) {
        List<String> missing = new ArrayList<>();
        for (String required : List.of(CONFIG, WEIGHTS)) {
            if (!Files.isRegularFile(snapshot.resolve(required))) {
                missing.add(required);
            }
        }
        if (TOKENIZERS.stream().noneMatch(t -> Files.isRegularFile(snapshot.resolve(t)))) {
            missing.add(String.join(" or ", TOKENIZERS));
        }
        return missing;
    }
}
