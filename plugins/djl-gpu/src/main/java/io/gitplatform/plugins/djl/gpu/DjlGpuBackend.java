package io.gitplatform.plugins.djl.gpu;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import io.gitplatform.spi.Availability;
import io.gitplatform.spi.BackendSettings;
import io.gitplatform.spi.BackendUnavailableException;
import io.gitplatform.spi.EnginePlacement;
import io.gitplatform.spi.InferenceBackend;
import java.util.List;
import org.pf4j.Extension;

/**
 * Backend {@code gpu}: DJL's PyTorch engine on a CUDA device, float16 (default) or float32. It needs a CUDA build of
 * libtorch in the host (see the plugin's README); without one, or without a GPU, it says which part is missing.
 */
@Extension
public final class DjlGpuBackend implements InferenceBackend {
    static final String ENGINE = "PyTorch";
    static final String HOW = "supply a CUDA build of libtorch 2.7.1 to the host: PYTORCH_LIBRARY_PATH=<libtorch>/lib"
            + " PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 RUST_FLAVOR=cpu (see the djl-gpu plugin's README), or"
            + " select backend 'cpu'";

    @Override
    public String id() {
        return "gpu";
    }

    @Override
    public String description() {
        return "DJL PyTorch on a CUDA GPU (float16 or float32)";
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public List<String> dtypes() {
        return List.of("float16", "float32");
    }

    /** The GPU count needs no engine; the engine (and its build) is only started once a GPU is there. */
    @Override
    public Availability availability(BackendSettings settings) {
        int gpus = CudaUtils.getGpuCount();
        if (gpus == 0) {
            return Availability.no("no usable CUDA GPU: DJL's CUDA probe found none (no libcudart on the library path,"
                    + " no NVIDIA driver, a driver older than the CUDA runtime, or CUDA_VISIBLE_DEVICES hides them); "
                    + HOW);
        }
        if (settings.device() >= gpus) {
            return Availability.no("GPU " + settings.device() + " was asked for, this machine has " + gpus
                    + " (devices 0.." + (gpus - 1) + ")");
        }
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("DJL's " + ENGINE + " engine failed to start: " + e.getMessage() + "; " + HOW);
        }
        if (!engine.hasCapability(StandardCapabilities.CUDA)) {
            return Availability.no("the " + ENGINE + " " + engine.getVersion() + " native library the host loaded is"
                    + " a CPU build; " + HOW);
        }
        return Availability.yes();
    }

    @Override
    public EnginePlacement prepare(BackendSettings settings) {
        String dtype = settings.dtypeAmong(dtypes());
        Availability availability = availability(settings);
        if (!availability.available()) {
            throw new BackendUnavailableException(availability.reason());
        }
        return new EnginePlacement("gpu", settings.device(), dtype, settings.threads());
    }
}
