package io.gitplatform.core.tokenizer;

import io.gitplatform.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/** Reads a BERT {@code vocab.txt}: one token a line, the line number is the id. */
final class VocabTxt {

    private VocabTxt() {
    }

    static Vocabulary read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e, e);
        }
        String[] tokens = lines.toArray(new String[0]);
        BitSet special = new BitSet(tokens.length);
        // BertTokenizer's special tokens are its five defaults, wherever the file puts them.
        for (String name : List.of(Vocabulary.PAD, Vocabulary.UNK, Vocabulary.CLS, Vocabulary.SEP, Vocabulary.MASK)) {
            int id = lines.lastIndexOf(name);
            if (id >= 0) {
                special.set(id);
            }
        }
        return new Vocabulary(file, tokens, special, Vocabulary.UNK);
    }
}
