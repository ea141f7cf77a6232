package io.gitplatform.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which model the server loads ({@code git.model.*}). A stand-in until the starter's auto-configuration owns the
 * model beans; the keys follow the starter's names.
 *
 * @param path  a Hugging Face model folder; empty loads the embedded git-tiny-shapes model
 * @param dtype float32 or float16
 * @param threads intra-op threads, 0 for the engine's default
 */
@ConfigurationProperties("git.model")
public record ModelProperties(String path, @DefaultValue("float32") String dtype, @DefaultValue("0") int threads) {
}
