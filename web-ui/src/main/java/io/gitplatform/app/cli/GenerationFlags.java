package io.gitplatform.app.cli;

import io.gitplatform.core.generate.GenerationOptions;
import picocli.CommandLine.Option;

/** Generation settings on the command line; unset ones keep the checkpoint's generation_config.json. */
final class GenerationFlags {

    @Option(names = "--max-new-tokens", paramLabel = "<n>", description = "tokens to generate at most")
    Integer maxNewTokens;

    @Option(names = "--beams", paramLabel = "<n>", description = "beam search with n beams")
    Integer beams;

    @Option(names = "--sample", description = "sample instead of choosing the most likely token")
    boolean sample;

    @Option(names = "--temperature", defaultValue = "1.0", description = "sampling temperature")
    double temperature;

    @Option(names = "--top-k", defaultValue = "50", description = "sampling keeps the k most likely tokens")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "sampling keeps tokens up to this probability mass")
    double topP;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed")
    long seed;

    GenerationOptions apply(GenerationOptions defaults) {
        int maxNew = maxNewTokens != null ? maxNewTokens : defaults.maxNewTokens();
        int numBeams = beams != null ? beams : sample ? 1 : defaults.numBeams();
        return new GenerationOptions(maxNew, Math.min(defaults.minNewTokens(), maxNew), numBeams,
                defaults.lengthPenalty(), defaults.earlyStopping(), sample, temperature, topK, topP, seed);
    }
}
