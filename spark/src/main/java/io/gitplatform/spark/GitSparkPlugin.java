package io.gitplatform.spark;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Releases the executor's model when the executor stops: enable it with
 * {@code --conf spark.plugins=io.gitplatform.spark.GitSparkPlugin}. Without it the model lives until the JVM exits.
 */
public final class GitSparkPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void shutdown() {
                ExecutorPlatforms.closeAll();
            }
        };
    }
}
