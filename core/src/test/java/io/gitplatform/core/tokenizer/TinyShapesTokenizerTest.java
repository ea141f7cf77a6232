package io.gitplatform.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trained tiny model's own 42-token vocabulary: special ids come from its files, not BERT's numbers. */
class TinyShapesTokenizerTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void readsSpecialIdsFromTheFiles(Fixtures.Source source) {
        try (GitTokenizer tokenizer = source.load(Fixtures.tinyShapes(), temp)) {
            assertThat(tokenizer.vocabSize()).isEqualTo(42);
            assertThat(tokenizer.clsTokenId()).isEqualTo(2);
            assertThat(tokenizer.sepTokenId()).isEqualTo(3);
            assertThat(tokenizer.padTokenId()).isZero();
            assertThat(tokenizer.unkTokenId()).isEqualTo(1);
            assertThat(tokenizer.isSpecial(4)).as("[MASK]").isTrue();
            assertThat(tokenizer.isSpecial(8)).as("a").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void encodesAQuestion(Fixtures.Source source) {
        try (GitTokenizer tokenizer = source.load(Fixtures.tinyShapes(), temp)) {
            // what color is the circle ?
            assertThat(tokenizer.encode("what color is the circle?", true)).containsExactly(2, 38, 14, 20, 32, 13, 7, 3);
            assertThat(tokenizer.encode("What colour?", false)).as("unknown word").containsExactly(38, 1, 7);
        }
    }

    @ParameterizedTest
    @EnumSource(Fixtures.Source.class)
    void decodesTheReferenceOutputs(Fixtures.Source source) {
        try (GitTokenizer tokenizer = source.load(Fixtures.tinyShapes(), temp)) {
            for (JsonElement e : Fixtures.json(Fixtures.tinyShapes().resolve("samples.json")).getAsJsonArray()) {
                JsonObject sample = e.getAsJsonObject();
                long[] ids = StreamSupport.stream(sample.getAsJsonArray("reference_output_ids").spliterator(), false)
                        .mapToLong(JsonElement::getAsLong).toArray();
                assertThat(tokenizer.decode(ids, true)).as(sample.get("name").getAsString())
                        .isEqualTo(sample.get("reference_caption").getAsString());
            }
        }
    }
}
