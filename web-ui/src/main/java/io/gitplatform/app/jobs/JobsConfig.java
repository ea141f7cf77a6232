package io.gitplatform.app.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.starter.autoconfigure.GitProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The job store's database (its own pool, so nothing else in the server is tied to a database), migrated by Flyway at
 * start-up, and the worker when {@code git.jobs.worker.enabled}.
 */
@Configuration(proxyBeanMethods = false)
public class JobsConfig {

    @Bean(destroyMethod = "close")
    HikariDataSource jobsDataSource(JobsProperties properties) {
        JobsProperties.Store store = properties.store();
        if (!store.url().startsWith("jdbc:h2:") && !store.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("git.jobs.store.url must be a jdbc:h2: or jdbc:postgresql: URL, got '"
                    + store.url() + "'");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("git-jobs");
        config.setJdbcUrl(durable(store.url()));
        config.setUsername(store.username());
        config.setPassword(store.password());
        config.setMaximumPoolSize(Math.max(2, store.poolSize()));
        HikariDataSource dataSource = new HikariDataSource(config);
        boolean postgres = store.url().startsWith("jdbc:postgresql:");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/jobs").table("git_job_schema_history")
                .placeholders(postgres ? Map.of("bytes", "BYTEA", "text", "TEXT") : Map.of("bytes", "BLOB", "text",
                        "CLOB"))
                .load().migrate();
        return dataSource;
    }

    /**
     * H2 writes a commit to its file up to 500 ms later by default, so a SIGKILL lost jobs already answered 202 and
     * results already recorded (JobsRestartIT saw jobs run twice): every commit goes to the file at once.
     */
    static String durable(String url) {
        return url.startsWith("jdbc:h2:file:") && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")
                ? url + ";WRITE_DELAY=0" : url;
    }

    @Bean
    JobStore jobStore(HikariDataSource jobsDataSource) {
        return new JobStore(new JdbcTemplate(jobsDataSource));
    }

    @Bean
    JobService jobService(JobStore store, JobExecutor executor, JobsProperties properties, GitProperties git,
            ObjectMapper json, MeterRegistry registry) {
        JobService service = new JobService(store, executor, properties, git.getBatching(), json);
        Gauge.builder("git.jobs.queue.depth", service, JobService::depth)
                .description("jobs accepted and not finished, across replicas").register(registry);
        return service;
    }

    @Bean
    @ConditionalOnProperty(name = "git.jobs.worker.enabled", havingValue = "true", matchIfMissing = true)
    JobWorker jobWorker(JobStore store, JobExecutor executor, ModelHolder model, JobsProperties properties,
            ObjectMapper json) {
        return new JobWorker(store, executor, model, properties, json);
    }
}
