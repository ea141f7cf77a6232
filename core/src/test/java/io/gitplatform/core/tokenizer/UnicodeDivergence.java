package io.gitplatform.core.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The code points on which the two encoders are known to disagree (see {@code unicode-divergence.txt}): characters
 * newer than the tokenizers library's Unicode tables. Pinned by {@link UnicodeDivergenceTest}, skipped by the
 * differential fuzz test.
 */
final class UnicodeDivergence {
    static final Set<Integer> CODE_POINTS = load();

    private UnicodeDivergence() {
    }

    static boolean touches(String text) {
        return text.codePoints().anyMatch(CODE_POINTS::contains);
    }

    private static Set<Integer> load() {
        try (InputStream in = UnicodeDivergence.class.getResourceAsStream("unicode-divergence.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                    .filter(s -> !s.isEmpty())
                    .map(s -> Integer.parseInt(s, 16))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
