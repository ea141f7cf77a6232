package io.gitplatform.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the tensors live ({@code git.backend.*}, the starter's keys): CPU only here.
 *
 * @param dtype   float32 or float16
 * @param threads intra-op threads, 0 for the engine's default
 */
@ConfigurationProperties("git.backend")
public record BackendProperties(@DefaultValue("float32") String dtype, @DefaultValue("0") int threads) {
}
