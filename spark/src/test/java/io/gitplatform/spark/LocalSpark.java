package io.gitplatform.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Spark in local mode for the tests: two task threads, loopback only, no UI, and the executor plugin enabled. */
final class LocalSpark {
    /** The repository's root (tests run in spark/). */
    static final Path ROOT = Path.of(System.getProperty("git.platform.home", "..")).toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("config/samples");

    private LocalSpark() {
    }

    static SparkSession start(String master) {
        return SparkSession.builder().master(master).appName("git-platform-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.plugins", GitSparkPlugin.class.getName())
                .getOrCreate();
    }
}
