package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streamed deltas, joined, are the full decode after every token, not only at the end. */
class TokenStreamTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void deltasJoinToTheDecodedText(Fixtures.Source source) {
        try (GitTokenizer bert = source.load(Fixtures.tinyRandom(), temp)) {
            List<long[]> sequences = List.of(
                    bert.encode("a man is playing a guitar.", true),
                    bert.encode("supercalifragilisticexpialidocious, isn't it? don't!", true),
                    bert.encode("emoji 🎸 and symbols #1 @home $5.00", true),
                    new long[] {2075, 1037, 2158}, // "##ing" first: kept as the library keeps it
                    new long[] {101, 102, 100, 1037, 101, 2075, 102, 1012, 0}, // specials around, between, inside
                    new long[] {101, 102, 0, 103},
                    new long[] {});
            sequences.forEach(ids -> assertStreamsLikeDecode(bert, ids));
            Random random = new Random(3);
            for (int n = 0; n < 500; n++) {
                long[] ids = IntStream.range(0, random.nextInt(30))
                        .mapToLong(i -> random.nextInt(5) == 0 ? 100 + random.nextInt(4) : random.nextInt(30522))
                        .toArray();
                assertStreamsLikeDecode(bert, ids);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void streamsTheTinyModelsCaption(Fixtures.Source source) {
        try (GitTokenizer tiny = source.load(Fixtures.tinyShapes(), temp)) {
            TokenStream stream = tiny.stream();
            StringBuilder printed = new StringBuilder();
            for (long id : new long[] {2, 8, 12, 13, 23, 35, 3}) {
                printed.append(stream.push(id));
            }
            assertThat(printed).hasToString("a blue circle moving up");
        }
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void rejectsAnIdOutsideTheVocabulary(Fixtures.Source source) {
        try (GitTokenizer tiny = source.load(Fixtures.tinyShapes(), temp)) {
            assertThatThrownBy(() -> tiny.stream().push(42)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("42");
        }
    }

    private static void assertStreamsLikeDecode(GitTokenizer tokenizer, long[] ids) {
        TokenStream stream = tokenizer.stream();
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            printed.append(stream.push(ids[i]));
            assertThat(printed.toString()).as("after %d of %s", i + 1, Arrays.toString(ids))
                    .isEqualTo(tokenizer.decode(Arrays.copyOf(ids, i + 1), true));
        }
        assertThat(printed.toString()).isEqualTo(tokenizer.decode(ids, true));
    }
}
