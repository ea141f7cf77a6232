package io.gitplatform.spi;

/** The value type of a task option, so that a form or a JSON schema can be built from a task's descriptors. */
public enum OptionType {
    STRING,
    STRING_LIST,
    INTEGER,
    NUMBER,
    BOOLEAN
}
