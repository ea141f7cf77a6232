package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every entry of fixtures/tokenize.json, through tokenizer.json and through the vocab.txt fallback. */
class TokenizeFixtureTest {

    @TempDir
    static Path temp;

    private static final Map<Fixtures.Source, GitTokenizer> TOKENIZERS = new EnumMap<>(Fixtures.Source.class);

    @BeforeAll
    static void load() {
        for (Fixtures.Source source : Fixtures.Source.values()) {
            TOKENIZERS.put(source, source.load(Fixtures.tinyRandom(), temp));
        }
    }

    @AfterAll
    static void close() {
        TOKENIZERS.values().forEach(GitTokenizer::close);
    }

    static Stream<Arguments> entries() {
        JsonArray entries = Fixtures.json(Fixtures.shared().resolve("fixtures/tokenize.json")).getAsJsonArray();
        return Stream.of(Fixtures.Source.values()).flatMap(source -> IntStream.range(0, entries.size())
                .mapToObj(i -> Arguments.of(source, i, entries.get(i).getAsJsonObject())));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("entries")
    void encodesAndDecodesLikeTransformers(Fixtures.Source source, int index, JsonObject entry) {
        GitTokenizer tokenizer = TOKENIZERS.get(source);
        String text = entry.get("text").getAsString();
        long[] withSpecial = ids(entry, "ids_with_special");
        long[] plain = ids(entry, "ids_plain");
        String decoded = entry.get("decoded").getAsString();

        assertThat(tokenizer.encode(text, true)).as("ids_with_special of %s", text).containsExactly(withSpecial);
        assertThat(tokenizer.encode(text, false)).as("ids_plain of %s", text).containsExactly(plain);
        assertThat(tokenizer.decode(withSpecial, true)).isEqualTo(decoded);
        assertThat(tokenizer.decode(plain, true)).isEqualTo(decoded);
    }

    private static long[] ids(JsonObject entry, String field) {
        return StreamSupport.stream(entry.getAsJsonArray(field).spliterator(), false)
                .mapToLong(JsonElement::getAsLong).toArray();
    }
}
