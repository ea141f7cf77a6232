package io.gitplatform.app.engine;

import io.gitplatform.app.metrics.ServingMetrics;
import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.core.pipeline.GitPipeline;
import io.gitplatform.core.platform.GitPlatform;
import io.gitplatform.starter.GitBusyException;
import io.gitplatform.starter.GitModelUnavailableException;
import io.gitplatform.starter.model.GitModelRuntime;
import io.gitplatform.starter.model.GitModelState;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The server's view of the starter's {@link GitModelRuntime} (plugins + the model on the backend plugin, loaded as
 * {@code git.model.loading} says): model work runs through its call gate, and every state but READY is a 503 at once,
 * so a request never blocks on a load in progress.
 */
@Component
public class ModelHolder {
    private final GitModelRuntime runtime;

    public ModelHolder(GitModelRuntime runtime, ServingMetrics metrics) {
        this.runtime = runtime;
        metrics.queueDepth(() -> runtime.state() == GitModelState.READY ? runtime.platform().queueDepth() : 0);
    }

    /** Runs model work through the runtime's gate; 503 while there is no model or every slot stays busy. */
    public <T> T withPlatform(Function<GitPlatform, T> work) {
        checkUsable();
        try {
            return runtime.call(work);
        } catch (GitModelUnavailableException e) {
            throw new ModelNotReadyException(e.getMessage());
        } catch (GitBusyException e) {
            throw new QueueFullException(e.getMessage(), Duration.ofSeconds(1));
        }
    }

    public <T> T withPipeline(Function<GitPipeline, T> work) {
        return withPlatform(p -> work.apply(p.pipeline()));
    }

    /** The platform for a quick look (model name, frames, tokenizer, plugin list); model work uses the gate. */
    public GitPlatform platform() {
        checkUsable();
        try {
            return runtime.platform();
        } catch (GitModelUnavailableException e) {
            throw new ModelNotReadyException(e.getMessage());
        }
    }

    public GitPipeline pipeline() {
        return platform().pipeline();
    }

    /** A model that is loading or closed answers 503 now; a lazy one (NOT_LOADED) loads on this first use. */
    private void checkUsable() {
        GitModelState state = runtime.state();
        if (state == GitModelState.LOADING || state == GitModelState.CLOSED) {
            throw new ModelNotReadyException("the model is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Loads the model again and swaps it in once the calls in flight are done. */
    public void reload() {
        try {
            runtime.reload();
        } catch (GitModelUnavailableException e) {
            throw new ModelNotReadyException(e.getMessage());
        } catch (GitBusyException e) {
            throw new QueueFullException(e.getMessage(), Duration.ofSeconds(1));
        }
    }

    public boolean ready() {
        return runtime.state() == GitModelState.READY;
    }

    public String state() {
        Throwable failure = runtime.lastFailure();
        String state = runtime.state().name().toLowerCase(java.util.Locale.ROOT);
        return failure == null ? state : state + " (last failure: " + failure.getMessage() + ")";
    }

    public String modelName() {
        return runtime.modelName();
    }
}
