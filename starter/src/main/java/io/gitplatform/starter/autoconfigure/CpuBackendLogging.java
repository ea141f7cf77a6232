package io.gitplatform.starter.autoconfigure;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the {@code cpu} backend, DJL's CUDA probe is noise: its platform detection asks for the GPU count whatever the
 * backend (there is no switch for that), and logs a warning per probe on a host with a CUDA runtime but no usable GPU.
 * This sets that one logger to ERROR unless the backend is a GPU one or the application set its level itself (a
 * lowest-precedence default, so any {@code logging.level.*} of the application wins).
 */
public class CpuBackendLogging implements EnvironmentPostProcessor {
    static final String CUDA_LOGGER = "logging.level.ai.djl.util.cuda.CudaUtils";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String backend = environment.getProperty("git.backend.id", "cpu").strip().toLowerCase(Locale.ROOT);
        if (backend.equals("cpu") && !environment.containsProperty(CUDA_LOGGER)) {
            environment.getPropertySources().addLast(new MapPropertySource("gitCpuBackendLogging",
                    Map.of(CUDA_LOGGER, "ERROR")));
        }
    }
}
