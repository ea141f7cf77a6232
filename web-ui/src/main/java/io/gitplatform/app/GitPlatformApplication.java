package io.gitplatform.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The serving application: REST API, OpenAI-compatible endpoint, async jobs, actuator. Started by {@code serve}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GitPlatformApplication {
}
