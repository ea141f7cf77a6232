package io.gitplatform.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which model the server loads ({@code git.model.*}, the starter's keys).
 *
 * @param source   "embedded" (the tiny shapes model inside the jar), a Hugging Face model folder, or a hub id
 * @param revision the hub revision for a hub id without "@revision"
 * @param offline  use only the local cache for hub models
 */
@ConfigurationProperties("git.model")
public record ModelProperties(@DefaultValue("embedded") String source, String revision, boolean offline) {
}
