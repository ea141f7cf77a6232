package io.gitplatform.app.cli;

import io.gitplatform.spi.EarlyStopping;
import io.gitplatform.spi.GenerationSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Generation settings on the command line; unset ones keep the checkpoint's generation_config.json. */
final class GenerationFlags {

    @Option(names = "--max-new-tokens", paramLabel = "<n>", description = "tokens to generate at most")
    Integer maxNewTokens;

    @Option(names = "--beams", paramLabel = "<n>", description = "beam search with n beams")
    Integer beams;

    @Option(names = "--sample", description = "sample instead of choosing the most likely token")
    Boolean sample;

    @Option(names = "--temperature", paramLabel = "<t>", description = "sampling temperature")
    Double temperature;

    @Option(names = "--top-k", paramLabel = "<k>", description = "sampling keeps the k most likely tokens")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "<p>", description = "sampling keeps tokens up to this probability mass")
    Double topP;

    @Option(names = "--seed", paramLabel = "<n>", description = "sampling seed")
    Long seed;

    @Option(names = "--length-penalty", paramLabel = "<x>",
            description = "beam scores are divided by length to this power")
    Double lengthPenalty;

    @Option(names = "--early-stopping", paramLabel = "<when>", converter = EarlyStoppingConverter.class,
            description = "when beam search stops: true, false or never (transformers' early_stopping)")
    EarlyStopping earlyStopping;

    GenerationSettings settings() {
        return new GenerationSettings(maxNewTokens, null, beams, lengthPenalty, earlyStopping, sample, temperature,
                topK, topP, seed);
    }

    /** transformers' spelling, so picocli does not expect the enum's constant names. */
    static final class EarlyStoppingConverter implements ITypeConverter<EarlyStopping> {
        @Override
        public EarlyStopping convert(String value) {
            return EarlyStopping.parse(value);
        }
    }
}
