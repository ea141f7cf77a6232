package io.gitplatform.app.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its bearer-key scheme (served at /v3/api-docs, shown at /swagger-ui.html). */
@Configuration
public class OpenApiConfig {
    @Bean
    OpenAPI gitPlatformOpenApi() {
        return new OpenAPI()
                .info(new Info().title("GIT platform API").version("v1")
                        .description("Captions, answers and labels for images and videos from Microsoft's GIT"))
                .schemaRequirement("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
