package io.gitplatform.core.spi;

import java.util.Objects;

/**
 * One option a task head reads, described for users (CLI help, REST docs, the admin UI).
 *
 * @param name         the option's name: a {@link TaskOptions} field ({@code questions}, {@code labels},
 *                     {@code prompt}, {@code top_k}), a {@code generation.*} setting, or a key of
 *                     {@link TaskOptions#extra()}
 * @param defaultValue the default as shown to users, or null when there is none (required, or the model's default)
 */
public record TaskOption(String name, OptionType type, String defaultValue, String description) {
    public TaskOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }
}
