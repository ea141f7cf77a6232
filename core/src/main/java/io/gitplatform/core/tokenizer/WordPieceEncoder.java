package io.gitplatform.core.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Uncased BERT in Java for a folder with only a {@code vocab.txt}: special tokens written in the text are kept whole,
 * the rest goes through {@link BasicTokenizer} and greedy longest-match WordPiece. Matches the tokenizers library id
 * for id on the reference strings.
 */
final class WordPieceEncoder implements TextEncoder {

    /** BertTokenizer's {@code max_input_chars_per_word}: a longer word becomes one unknown token. */
    static final int MAX_WORD_CHARS = 100;

    private final Vocabulary vocab;
    private final List<String> specialTokens;

    WordPieceEncoder(Vocabulary vocab) {
        this.vocab = vocab;
        this.specialTokens = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.isSpecial(id)) {
                specialTokens.add(vocab.token(id));
            }
        }
    }

    @Override
    public long[] encode(String text, boolean addSpecialTokens) {
        List<Integer> ids = new ArrayList<>();
        if (addSpecialTokens) {
            ids.add(vocab.cls);
        }
        // Special tokens are matched in the raw text, case-sensitively and leftmost-longest, before any
        // normalisation, as the library's added-vocabulary split does: "[CLS]" in a question stays [CLS].
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            String special = specialAt(text, i);
            if (special == null) {
                i++;
                continue;
            }
            encodeWords(text.substring(start, i), ids);
            ids.add(vocab.id(special));
            i += special.length();
            start = i;
        }
        encodeWords(text.substring(start), ids);
        if (addSpecialTokens) {
            ids.add(vocab.sep);
        }
        return ids.stream().mapToLong(Integer::longValue).toArray();
    }

    private String specialAt(String text, int at) {
        String longest = null;
        for (String s : specialTokens) {
            if (text.startsWith(s, at) && (longest == null || s.length() > longest.length())) {
                longest = s;
            }
        }
        return longest;
    }

    private void encodeWords(String segment, List<Integer> ids) {
        for (String word : BasicTokenizer.words(segment)) {
            wordPiece(word, ids);
        }
    }

    /** Greedy longest match from the left; a word with any unmatched rest is one unknown token, as in BERT. */
    private void wordPiece(String word, List<Integer> ids) {
        if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
            ids.add(vocab.unk);
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            int match = -1;
            while (start < end) {
                String sub = word.substring(start, end);
                match = vocab.id(start > 0 ? WordPieceDecoder.PREFIX + sub : sub);
                if (match >= 0) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (match < 0) {
                ids.add(vocab.unk);
                return;
            }
            pieces.add(match);
            start = end;
        }
        ids.addAll(pieces);
    }

    @Override
    public void close() {
        // nothing native to free
    }
}
