package io.gitplatform.core.tokenizer;

import io.gitplatform.core.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece vocabulary: token strings by id, the ids of the special tokens GIT needs, and which ids are special (those
 * {@code skipSpecialTokens} drops).
 */
final class Vocabulary {

    /** BertTokenizer's default special tokens; GIT's checkpoints keep these names, whatever their ids. */
    static final String CLS = "[CLS]";
    static final String SEP = "[SEP]";
    static final String PAD = "[PAD]";
    static final String UNK = "[UNK]";
    static final String MASK = "[MASK]";

    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final BitSet special;
    final int cls;
    final int sep;
    final int pad;
    final int unk;

    /**
     * @param tokens  token strings indexed by id; null where no token has that id
     * @param special ids that are special tokens
     * @param unkName the unknown token's name (the model's {@code unk_token})
     */
    Vocabulary(Path file, String[] tokens, BitSet special, String unkName) {
        this.tokens = tokens;
        this.special = special;
        this.ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] != null) {
                ids.put(tokens[id], id); // a duplicate line maps to its last id, as BertTokenizer's load_vocab does
            }
        }
        List<String> missing = new ArrayList<>();
        this.cls = required(CLS, missing);
        this.sep = required(SEP, missing);
        this.pad = required(PAD, missing);
        this.unk = required(unkName, missing);
        if (!missing.isEmpty()) {
            throw new ConfigException(file, "has no " + String.join(", ", missing)
                    + " token; a BERT vocabulary for GIT needs [CLS], [SEP], [PAD] and the unknown token");
        }
    }

    private int required(String name, List<String> missing) {
        Integer id = ids.get(name);
        if (id == null) {
            missing.add(name);
            return -1;
        }
        return id;
    }

    int size() {
        return tokens.length;
    }

    /** The id of a token string, or -1. */
    int id(String token) {
        return ids.getOrDefault(token, -1);
    }

    String token(long id) {
        if (id < 0 || id >= tokens.length || tokens[(int) id] == null) {
            throw new IllegalArgumentException("token id " + id + " is not in the vocabulary (" + tokens.length
                    + " ids)");
        }
        return tokens[(int) id];
    }

    boolean isSpecial(long id) {
        return id >= 0 && id < tokens.length && special.get((int) id);
    }
}
