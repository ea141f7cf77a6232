package io.gitplatform.core.tokenizer;

import io.gitplatform.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * GIT's BERT-uncased tokenizer, loaded from a model folder: {@code tokenizer.json} through DJL's Hugging Face
 * tokenizer, or else {@code vocab.txt} through a Java WordPiece that gives the same ids. Special token ids are read
 * from the files (the tiny model's [CLS] is 2, bert's 101). Decoding is Java for both, so it is identical for both.
 *
 * <p>Thread-safe; {@link TokenStream}s are not. Close it to free the native tokenizer.
 */
public final class GitTokenizer implements AutoCloseable {

    public static final int DEFAULT_MAX_CHARS = 10_000;

    private final Vocabulary vocab;
    private final WordPieceDecoder decoder;
    private final TextEncoder encoder;
    private final int maxChars;

    private GitTokenizer(Vocabulary vocab, WordPieceDecoder decoder, TextEncoder encoder, int maxChars) {
        this.vocab = vocab;
        this.decoder = decoder;
        this.encoder = encoder;
        this.maxChars = maxChars;
    }

    /** {@link #load(Path, int)} with {@link #DEFAULT_MAX_CHARS}. */
    public static GitTokenizer load(Path modelFolder) {
        return load(modelFolder, DEFAULT_MAX_CHARS);
    }

    /**
     * @param maxChars the longest text {@link #encode} accepts, in UTF-16 chars
     * @throws ConfigException naming the file, when neither file is there or the one found is not a BERT tokenizer
     */
    public static GitTokenizer load(Path modelFolder, int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        if (!Files.isDirectory(modelFolder)) {
            throw new ConfigException(modelFolder, "is not a model folder (no such directory)");
        }
        Path json = modelFolder.resolve("tokenizer.json");
        if (Files.exists(json)) {
            TokenizerJson file = TokenizerJson.read(json);
            TextEncoder encoder = NativeEncoder.load(file);
            GitTokenizer tokenizer = new GitTokenizer(file.vocabulary(), file.decoder(), encoder, maxChars);
            tokenizer.checkPostProcessor(json);
            return tokenizer;
        }
        Path txt = modelFolder.resolve("vocab.txt");
        if (Files.exists(txt)) {
            Vocabulary vocab = VocabTxt.read(txt);
            return new GitTokenizer(vocab, new WordPieceDecoder(WordPieceDecoder.PREFIX, true),
                    new WordPieceEncoder(vocab), maxChars);
        }
        throw new ConfigException(modelFolder, "has neither tokenizer.json nor vocab.txt");
    }

    /** The ids {@code encode} adds must be the ones {@link #clsTokenId()} and {@link #sepTokenId()} report. */
    private void checkPostProcessor(Path json) {
        long[] added = encoder.encode("", true);
        if (!Arrays.equals(added, new long[] {vocab.cls, vocab.sep})) {
            close();
            throw new ConfigException(json, "its post_processor wraps a text in " + Arrays.toString(added)
                    + ", expected [CLS] and [SEP] = [" + vocab.cls + ", " + vocab.sep + "]");
        }
    }

    /**
     * @param addSpecialTokens true for {@code [CLS] text [SEP]}; VQA prompts take [CLS] alone, so pass false and
     *                         prepend {@link #clsTokenId()}
     * @throws IllegalArgumentException when the text is longer than the limit given to {@link #load(Path, int)}
     */
    public long[] encode(String text, boolean addSpecialTokens) {
        if (text.length() > maxChars) {
            throw new IllegalArgumentException("text has " + text.length() + " chars; the tokenizer's limit is "
                    + maxChars + " (maxChars)");
        }
        return encoder.encode(replaceUnpairedSurrogates(text), addSpecialTokens);
    }

    /**
     * BERT decoding: {@code ##} pieces joined to the word before, punctuation spacing cleaned as the tokenizers
     * library's WordPiece decoder does.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (long id : ids) {
            String token = vocab.token(id);
            if (skipSpecialTokens && vocab.isSpecial(id)) {
                continue;
            }
            text.append(decoder.piece(token, first));
            first = false;
        }
        return text.toString();
    }

    /** Prints generated text token by token; see {@link TokenStream#push(long)}. */
    public TokenStream stream() {
        return new TokenStream(this);
    }

    /** The text token {@code id} adds, special tokens skipped; {@code first} if nothing was added before it. */
    String piece(long id, boolean first) {
        String token = vocab.token(id);
        return vocab.isSpecial(id) ? "" : decoder.piece(token, first);
    }

    public int clsTokenId() {
        return vocab.cls;
    }

    public int sepTokenId() {
        return vocab.sep;
    }

    public int padTokenId() {
        return vocab.pad;
    }

    public int unkTokenId() {
        return vocab.unk;
    }

    /** Ids run from 0 to {@code vocabSize() - 1}, added tokens included. */
    public int vocabSize() {
        return vocab.size();
    }

    /** True for the ids {@code decode(ids, true)} drops ([CLS], [SEP], [PAD], [UNK], [MASK] for BERT). */
    public boolean isSpecial(long id) {
        return vocab.isSpecial(id);
    }

    public int maxChars() {
        return maxChars;
    }

    /** Frees the native tokenizer; {@code encode} fails afterwards, {@code decode} still works. */
    @Override
    public void close() {
        encoder.close();
    }

    /**
     * Java strings may hold a lone surrogate, which is not text: it becomes U+FFFD, which BERT's clean-up drops, so
     * neither encoder sees malformed UTF-16 (the native one receives modified UTF-8 through JNI).
     */
    static String replaceUnpairedSurrogates(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
