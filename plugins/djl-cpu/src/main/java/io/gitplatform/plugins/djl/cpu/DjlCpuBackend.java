package io.gitplatform.plugins.djl.cpu;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.gitplatform.spi.Availability;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.EnginePlacement;
import io.gitplatform.spi.InferenceBackend;
import java.util.List;
import org.pf4j.Extension;

/**
 * Backend {@code cpu}: DJL's PyTorch engine on the CPU, {@code auto} (default: bfloat16 where the CPU multiplies it
 * natively, else float32; the platform resolves it), float32, float16 or bfloat16, with a chosen number of intra-op
 * threads.
 */
@Extension
public final class DjlCpuBackend implements InferenceBackend {
    static final String ENGINE = "PyTorch";
    /** Read by DJL's PyTorch engine when it starts. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String description() {
        return "DJL PyTorch on the CPU (auto, float32, float16 or bfloat16; intra-op threads)";
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public List<String> dtypes() {
        // auto (the default): the platform picks bfloat16 where the CPU multiplies it natively, else float32
        return List.of("auto", "float32", "float16", "bfloat16");
    }

    /** Checks that the engine is on the class path without starting it: starting reads the thread setting. */
    @Override
    public Availability availability(BackendSettings settings) {
        return Engine.hasEngine(ENGINE) ? Availability.yes()
                : Availability.no("DJL's " + ENGINE + " engine (ai.djl.pytorch:pytorch-engine) is not on the host's"
                        + " class path");
    }

    @Override
    public EnginePlacement prepare(BackendSettings settings) {
        String dtype = settings.dtypeAmong(dtypes());
        int threads = settings.threads();
        if (threads > 0) {
            // Before the engine starts, the property is how DJL takes it; once started, only the JNI call changes it.
            System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        }
        try {
            Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("DJL's " + ENGINE + " engine failed to start: " + e.getMessage());
        }
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        return EnginePlacement.cpu(dtype, threads);
    }
}
