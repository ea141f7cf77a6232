package io.gitplatform.starter.app;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application that only adds the starter, as a Spring team would; the registry records chat observations. */
@SpringBootApplication
public class ShapesApplication {

    @Bean
    TestObservationRegistry observationRegistry() {
        return TestObservationRegistry.create();
    }
}
