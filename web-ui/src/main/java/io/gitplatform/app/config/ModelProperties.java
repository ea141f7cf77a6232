package io.gitplatform.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which model the server loads ({@code git.model.*}), a stand-in until the starter's auto-configuration owns the
 * model: the key is the starter's.
 *
 * @param source "embedded" (the tiny shapes model inside the jar) or a Hugging Face model folder
 */
@ConfigurationProperties("git.model")
public record ModelProperties(@DefaultValue("embedded") String source) {
}
