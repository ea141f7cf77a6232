package io.gitplatform.app.engine;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of the readiness group: the server takes traffic once the model is loaded. */
@Component("model")
public class ModelHealthIndicator implements HealthIndicator {
    private final ModelHolder holder;

    public ModelHealthIndicator(ModelHolder holder) {
        this.holder = holder;
    }

    @Override
    public Health health() {
        Health.Builder b = holder.ready() ? Health.up() : Health.outOfService();
        b.withDetail("state", holder.state());
        if (holder.ready()) {
            b.withDetail("model", holder.modelName());
        }
        return b.build();
    }
}
