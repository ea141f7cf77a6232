package io.gitplatform.app.security;

import io.gitplatform.app.config.ApiSecurityProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS is closed unless {@code git.security.cors-allowed-origins} names origins: then the API opens to them alone. */
@Configuration
public class CorsConfig implements WebMvcConfigurer {
    private final ApiSecurityProperties properties;

    public CorsConfig(ApiSecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.corsAllowedOrigins().isEmpty()) {
            return;
        }
        String[] origins = properties.corsAllowedOrigins().toArray(String[]::new);
        for (String path : new String[] {"/api/**", "/v1/**"}) {
            registry.addMapping(path).allowedOrigins(origins).allowedMethods("GET", "POST", "DELETE")
                    .allowedHeaders("Authorization", "X-API-Key", "Content-Type");
        }
    }
}
