package io.gitplatform.app.cli;

import io.gitplatform.core.parity.ParityRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code git-platform parity <fixture-folder>}: checks the engine against transformers' reference outputs. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Runs every case of <fixture-folder>/cases.json (or --cases) against the model in that folder"
                + " and prints the largest difference per case.")
final class ParityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<fixture-folder>",
            description = "a Hugging Face model folder with cases.json and the reference .npy arrays")
    Path folder;

    @Option(names = "--cases", paramLabel = "<cases.json>",
            description = "cases kept elsewhere (arrays beside that file), e.g."
                    + " core/src/test/resources/parity/beam-search/cases.json with ../shared/models/git-tiny-shapes")
    Path cases;

    @Override
    public Integer call() throws Exception {
        List<ParityRunner.CaseResult> results = ParityRunner.run(folder,
                cases != null ? cases : folder.resolve("cases.json"), System.out);
        long passed = results.stream().filter(ParityRunner.CaseResult::passed).count();
        long failed = results.size() - passed;
        System.out.println(passed + " passed, " + failed + " failed");
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}
