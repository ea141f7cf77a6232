package io.gitplatform.app.openai;

import io.gitplatform.core.tokenizer.GitTokenizer;
import io.gitplatform.core.tokenizer.TokenStream;
import io.gitplatform.spi.TokenScore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the generated tokens of one completion into what OpenAI returns: the text up to the first stop sequence and,
 * when asked, each shown token's log-probability with its most likely alternatives ({@code logprobs.content}).
 * Used as tokens stream (a chunk per push) and for a whole answer (every push, then {@link #finish}).
 */
final class ChatTokens {
    /** Text to show now, and the log-probability entries of the tokens it completes. */
    record Piece(String text, List<Map<String, Object>> logprobs) {
    }

    private final GitTokenizer tokenizer;
    private final TokenStream stream;
    private final StopText stop;
    private final int topLogprobs; // -1: no logprobs asked
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private int generated;

    ChatTokens(GitTokenizer tokenizer, List<String> stops, int topLogprobs) {
        this.tokenizer = tokenizer;
        this.stream = tokenizer.stream();
        this.stop = new StopText(stops);
        this.topLogprobs = topLogprobs;
    }

    Piece push(long token, TokenScore score) {
        if (stop.stopped()) {
            return new Piece("", List.of());
        }
        generated++;
        String piece = stream.push(token);
        if (topLogprobs >= 0 && score != null && !tokenizer.isSpecial(token)) {
            pending.add(entry(piece.isEmpty() ? text(token) : piece, score));
        }
        String shown = stop.push(piece);
        if (stop.stopped()) {
            pending.clear(); // the tokens of the stop sequence are not part of the answer
            return new Piece(shown, List.of());
        }
        if (shown.isEmpty()) {
            return new Piece("", List.of());
        }
        List<Map<String, Object>> released = List.copyOf(pending);
        pending.clear();
        return new Piece(shown, released);
    }

    Piece finish() {
        String rest = stop.flush();
        List<Map<String, Object>> released = List.copyOf(pending);
        pending.clear();
        return new Piece(rest, released);
    }

    boolean stopped() {
        return stop.stopped();
    }

    /** Tokens generated up to and including the one that completed a stop sequence. */
    int generated() {
        return generated;
    }

    boolean wantsLogprobs() {
        return topLogprobs >= 0;
    }

    private Map<String, Object> entry(String token, TokenScore score) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("token", token);
        e.put("logprob", score.logprob());
        e.put("bytes", bytes(token));
        List<Map<String, Object>> top = new ArrayList<>();
        for (int i = 0; i < Math.min(topLogprobs, score.topIds().length); i++) {
            String t = text(score.topIds()[i]);
            Map<String, Object> alt = new LinkedHashMap<>();
            alt.put("token", t);
            alt.put("logprob", score.topLogprobs()[i]);
            alt.put("bytes", bytes(t));
            top.add(alt);
        }
        e.put("top_logprobs", top);
        return e;
    }

    private String text(long id) {
        return tokenizer.decode(new long[] {id}, false);
    }

    private static List<Integer> bytes(String s) {
        List<Integer> out = new ArrayList<>();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.add(b & 0xff);
        }
        return out;
    }
}
