package io.gitplatform.app.cli;

import io.gitplatform.spi.GenerationSettings;
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

    GenerationSettings settings() {
        return new GenerationSettings(maxNewTokens, null, beams, null, null, sample, temperature, topK, topP, seed);
    }
}
